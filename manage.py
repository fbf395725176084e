#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    # A command on a developer's machine runs in development mode; a server that has its
    # SECRET_KEY (or says DEBUG=0 or CCHC_ENV=production) runs in production mode.
    if not {"SECRET_KEY", "DEBUG", "CCHC_ENV"} & os.environ.keys():
        os.environ["CCHC_ENV"] = "development"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
