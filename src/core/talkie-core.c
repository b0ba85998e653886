/* talkie-core.c: to be written */
