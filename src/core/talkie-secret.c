/* talkie-secret.c: to be written */
