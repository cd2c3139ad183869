"""`python -m helpers.run`: see helpers.running."""

from helpers.running import main

if __name__ == "__main__":
    raise SystemExit(main())
