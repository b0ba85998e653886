/* talkie-error.c: to be written */
