"""Village coverage of the radio (airings per village and quarter, silent speakers): admin screens."""
