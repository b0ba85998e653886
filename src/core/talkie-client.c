/* talkie-client.c: to be written */
