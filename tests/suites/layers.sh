#!/bin/sh
# The layer rule of src/: a file includes only from its own stage folder
# or an earlier one (tools/layers.py; docs/architecture.md).
python3 tools/layers.py src
