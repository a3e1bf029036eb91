"""Entry point of the frozen bundle: the desktop app, or ``counter-workstation cli …`` for the CLI.

PyInstaller freezes this script (``packaging/counter-workstation.spec``). One executable serves
both so the bundle carries one copy of Python and Qt.
"""

from __future__ import annotations

import sys


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "cli":
        from workstation.cli import main as cli_main

        return cli_main(sys.argv[2:])
    from workstation.ui.app import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
