/* talkie-project.c: to be written */
