/* talkie-voice.c: to be written */
