/* Reads the config file named on its command line and prints it: fails when the file is not there. */
#include <stdio.h>
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: server CONFIG\n"); return 2; }
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 1; }
  char line[256];
  while (fgets(line, sizeof line, f)) fputs(line, stdout);
  fclose(f);
  return 0;
}
