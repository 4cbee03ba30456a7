from qbr_studio.cli import program

raise SystemExit(program())
