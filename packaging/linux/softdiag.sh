#!/bin/sh
# softdiag launcher: the frozen app lives under /usr/lib/softdiag.
exec /usr/lib/softdiag/softdiag "$@"
