#!/usr/bin/env python3
"""Holds an exclusive flock on LOCK_FILE for SECONDS, writing its pid into it (as mixspec does).

Usage: hold_lock.py LOCK_FILE SECONDS
"""
import fcntl
import os
import sys
import time

with open(sys.argv[1], "a+") as f:
    fcntl.flock(f, fcntl.LOCK_EX)
    f.seek(0)
    f.truncate()
    f.write(f"{os.getpid()}\n")
    f.flush()
    time.sleep(float(sys.argv[2]))
