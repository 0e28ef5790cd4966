#!/usr/bin/env bash
# Ring-3 tasks in Bochs: the same session as tasks_qemu.sh (without the no-disk boot).
source "$(dirname "$0")/lib.sh"
source tests/tasks.inc
tasks_session bochs 240
