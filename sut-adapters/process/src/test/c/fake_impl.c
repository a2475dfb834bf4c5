/*
 * Deliberately broken implementations of the xmemck process protocol, for the process adapter's tests. The first
 * argument picks the defect; the fake answers everything else correctly (every op is answered "unsupported", a
 * valid answer to any op), so each test sees exactly one kind of breakage.
 *
 *   fake-impl ok                      behaves (answers every op "unsupported")
 *   fake-impl hang-on-op N            stops answering at the Nth apply (and ignores its standard input)
 *   fake-impl crash-on-op N segv      raises SIGSEGV at the Nth apply
 *   fake-impl crash-on-op N exit:C    exits with status C at the Nth apply
 *   fake-impl garbage-on-op N         prints a line that is not JSON at the Nth apply
 *   fake-impl wrong-seq-on-op N       answers the Nth apply with the wrong seq
 *   fake-impl wrong-kind-on-op N      answers the Nth apply with a bytes result for the wrong object
 *   fake-impl error-on-op N           answers the Nth apply with an error message
 *   fake-impl unfinished-on-op N      writes half a line at the Nth apply and then waits
 *   fake-impl endless-on-op N         writes one endless line (no line end, ever) at the Nth apply
 *   fake-impl slow-on-op N            answers the Nth apply correctly but slowly: a piece every 100 ms for 1.5 s
 *   fake-impl hello:KIND              answers the hello wrongly: version, noname, nocaps, notjson, refuse, exit, silent
 *   fake-impl ignore-eof              behaves, but does not exit when standard input closes and ignores SIGTERM
 *   fake-impl spawn-child             behaves, and starts a child process that sleeps (prints its pid to stderr)
 *   fake-impl chatty                  behaves, and writes a line to standard error for every message
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long seq_of(const char *line) {
    const char *s = strstr(line, "\"seq\":");
    return s ? strtol(s + 6, NULL, 10) : -1;
}

static void forever(void) {
    for (;;) pause();
}

static void hello(const char *kind) {
    if (strcmp(kind, "version") == 0) puts("{\"type\":\"hello\",\"protocol\":99,\"name\":\"fake\",\"capabilities\":{}}");
    else if (strcmp(kind, "noname") == 0) puts("{\"type\":\"hello\",\"protocol\":1,\"capabilities\":{}}");
    else if (strcmp(kind, "nocaps") == 0) puts("{\"type\":\"hello\",\"protocol\":1,\"name\":\"fake\"}");
    else if (strcmp(kind, "notjson") == 0) puts("HELLO, I am a fake implementation");
    else if (strcmp(kind, "refuse") == 0) puts("{\"type\":\"error\",\"message\":\"this fake speaks protocol 99 only\"}");
    else if (strcmp(kind, "exit") == 0) {
        fputs("fake: cannot open /dev/imaginary: no such device\n", stderr);
        exit(3);
    } else if (strcmp(kind, "silent") == 0) {
        fflush(stdout);
        forever();
    } else
        puts("{\"type\":\"hello\",\"protocol\":1,\"name\":\"fake implementation\","
             "\"capabilities\":{\"supported\":[\"COPYOUT\"],\"missing\":{\"ADI\":\"the fake has no tagged memory\"}}}");
    fflush(stdout);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "ok";
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
    const char *how = argc > 3 ? argv[3] : "";
    int chatty = strcmp(mode, "chatty") == 0;
    if (strcmp(mode, "ignore-eof") == 0) signal(SIGTERM, SIG_IGN);
    if (strcmp(mode, "spawn-child") == 0) {
        pid_t child = fork();
        if (child == 0) {
            /* The grandchild closes the pipes it inherited, as a daemon would, so only the kit can end it. */
            fclose(stdin);
            fclose(stdout);
            forever();
        }
        fprintf(stderr, "child %ld\n", (long)child);
        fflush(stderr);
    }
    static char line[1 << 20];
    long applies = 0;
    while (fgets(line, sizeof line, stdin)) {
        if (chatty) fprintf(stderr, "fake: got %zu bytes\n", strlen(line));
        if (strstr(line, "\"type\":\"hello\"")) {
            hello(strncmp(mode, "hello:", 6) == 0 ? mode + 6 : "");
            continue;
        }
        if (strstr(line, "\"type\":\"reset\"")) {
            puts("{\"type\":\"ready\"}");
            fflush(stdout);
            continue;
        }
        long seq = seq_of(line);
        if (++applies == n) {
            if (strcmp(mode, "hang-on-op") == 0) {
                fflush(stdout);
                forever();
            }
            if (strcmp(mode, "crash-on-op") == 0) {
                fputs("fake: about to crash\n", stderr);
                fflush(stderr);
                if (strncmp(how, "exit:", 5) == 0) exit(atoi(how + 5));
                raise(SIGSEGV);
            }
            if (strcmp(mode, "garbage-on-op") == 0) {
                puts("Segmentation fault (core dumped)\x01\x02");
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "wrong-seq-on-op") == 0) seq += 1000;
            if (strcmp(mode, "wrong-kind-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"bytes\",\"object\":\"elsewhere\",\"from\":0,\"data\":\"\"}\n", seq);
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "error-on-op") == 0) {
                printf("{\"type\":\"error\",\"seq\":%ld,\"message\":\"fake: cannot parse this op\"}\n", seq);
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "endless-on-op") == 0) {
                static char xs[4096];
                memset(xs, 'x', sizeof xs);
                for (;;) fwrite(xs, 1, sizeof xs, stdout);
            }
            if (strcmp(mode, "slow-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"unsupported\",\"reason\":\"slow", seq);
                for (int i = 0; i < 15; i++) {
                    struct timespec pause_100ms = {0, 100 * 1000 * 1000};
                    fputs(" slow", stdout);
                    fflush(stdout);
                    nanosleep(&pause_100ms, NULL);
                }
                puts("\"}");
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "unfinished-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"res", seq);
                fflush(stdout);
                forever();
            }
        }
        printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"unsupported\",\"reason\":\"the fake implements nothing\"}\n", seq);
        fflush(stdout);
    }
    if (strcmp(mode, "ignore-eof") == 0) forever();
    return 0;
}
