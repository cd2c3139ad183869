"""`python -m helpers.run`: see helpers.run.runner."""

from helpers.run.runner import main

if __name__ == "__main__":
    raise SystemExit(main())
