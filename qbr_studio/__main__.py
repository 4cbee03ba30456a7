from qbr_studio.cli import main

raise SystemExit(main())
