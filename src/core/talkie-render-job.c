/* talkie-render-job.c: to be written */
