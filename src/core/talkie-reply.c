/* talkie-reply.c: to be written */
