/* talkie-avatar.c: to be written */
