/* talkie-audio-source.c: to be written */
