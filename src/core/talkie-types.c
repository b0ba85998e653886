/* talkie-types.c: to be written */
