/* talkie-history.c: to be written */
