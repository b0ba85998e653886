/* talkie-render-request.c: to be written */
