"""make bench: every benchmark prints its figures beside a baseline measured in the same run."""

from bench import printed_sets, procedure_search

if __name__ == "__main__":
    procedure_search.main()
    printed_sets.main()
