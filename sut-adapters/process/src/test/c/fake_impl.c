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
 *   fake-impl twice-on-op N           answers the Nth apply twice
 *   fake-impl orphan-on-op N          at the Nth apply starts a child that keeps standard output open and ignores
 *                                     SIGTERM (prints its pid to stderr), then exits with status 5
 *   fake-impl trickle-on-op N         at the Nth apply writes the start of an answer, then one byte every 100 ms, forever
 *   fake-impl number-on-op N          answers the Nth apply with a return value of 2,000,000 digits
 *   fake-impl deep-on-op N            answers the Nth apply with a member nested 100,000 arrays deep
 *   fake-impl tokens-on-op N          answers the Nth apply with bytes listing 1,500,000 unreadable pages
 *   fake-impl untidy                  names itself, gives reasons and answers with overlong text holding unpaired
 *                                     surrogates and control characters; answers the 3rd apply with such an error
 *   fake-impl orphan-after-reset      answers the first reset, then starts a child that closes its pipes, ignores
 *                                     SIGTERM and sleeps (prints its pid to stderr), and exits with status 0
 *   fake-impl stderr-flood            behaves, and writes 200,000 bytes to standard error for every apply
 *   fake-impl start-once PATH         appends a line to PATH at every start; the first start behaves as
 *                                     crash-on-op 1 exit:1, every later one exits with status 3 before its hello
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

/* Text with everything a report writer could choke on: a lone high and a lone low surrogate (JSON escapes), a
 * control character, and length. */
static void untidy_text(int length) {
    fputs("untidy \\ud800 lone \\udc00 bell \\u0007 pair \\ud83d\\ude00 ", stdout);
    for (int i = 0; i < length; i++) putchar('a' + i % 26);
}

static void hello(const char *kind) {
    if (strcmp(kind, "version") == 0) puts("{\"type\":\"hello\",\"protocol\":99,\"name\":\"fake\",\"capabilities\":{}}");
    else if (strcmp(kind, "noname") == 0) puts("{\"type\":\"hello\",\"protocol\":1,\"capabilities\":{}}");
    else if (strcmp(kind, "nocaps") == 0) puts("{\"type\":\"hello\",\"protocol\":1,\"name\":\"fake\"}");
    else if (strcmp(kind, "notjson") == 0) puts("HELLO, I am a fake implementation");
    else if (strcmp(kind, "untidy") == 0) {
        fputs("{\"type\":\"hello\",\"protocol\":1,\"name\":\"", stdout);
        untidy_text(10000);
        fputs("\",\"capabilities\":{\"supported\":[\"COPYOUT\"],\"missing\":{\"ADI\":\"", stdout);
        untidy_text(5000);
        puts("\"}}}");
    }
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
    if (strcmp(mode, "start-once") == 0) {
        FILE *log = fopen(argv[2], "a+");
        if (!log) return 4;
        fseek(log, 0, SEEK_END);
        long before = ftell(log);
        fputs("start\n", log);
        fclose(log);
        if (before > 0) {
            fputs("fake: cannot start again: the device is still held\n", stderr);
            return 3;
        }
        mode = "crash-on-op";
        n = 1;
        how = "exit:1";
    }
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
            hello(strncmp(mode, "hello:", 6) == 0 ? mode + 6 : strcmp(mode, "untidy") == 0 ? "untidy" : "");
            continue;
        }
        if (strstr(line, "\"type\":\"reset\"")) {
            if (strcmp(mode, "orphan-after-reset") == 0) {
                pid_t child = fork();
                if (child == 0) {
                    signal(SIGTERM, SIG_IGN);
                    fclose(stdin);
                    fclose(stdout);
                    forever();
                }
                fprintf(stderr, "orphan %ld\n", (long)child);
                fflush(stderr);
                puts("{\"type\":\"ready\"}");
                fflush(stdout);
                return 0;
            }
            puts("{\"type\":\"ready\"}");
            fflush(stdout);
            continue;
        }
        long seq = seq_of(line);
        ++applies;
        if (strcmp(mode, "stderr-flood") == 0) {
            for (int i = 0; i < 2000; i++) fprintf(stderr, "fake: flood %06d of apply %ld, a line of one hundred bytes or so ......................\n", i, applies);
            fflush(stderr);
        }
        if (strcmp(mode, "untidy") == 0) {
            if (applies == 3) {
                printf("{\"type\":\"error\",\"seq\":%ld,\"message\":\"", seq);
                untidy_text(3000);
            } else {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"unsupported\",\"reason\":\"", seq);
                untidy_text(applies == 1 ? 3000 : 10);
            }
            puts("\"}");
            fflush(stdout);
            continue;
        }
        if (applies == n) {
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
            if (strcmp(mode, "twice-on-op") == 0) {
                for (int i = 0; i < 2; i++) {
                    printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"unsupported\",\"reason\":\"the fake implements nothing\"}\n", seq);
                }
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "orphan-on-op") == 0) {
                pid_t child = fork();
                if (child == 0) {
                    /* Keeps the standard output and error it inherited: the kit sees no end of file. */
                    signal(SIGTERM, SIG_IGN);
                    forever();
                }
                fprintf(stderr, "orphan %ld\n", (long)child);
                fflush(stderr);
                exit(5);
            }
            if (strcmp(mode, "trickle-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"unsupported\",\"reason\":\"", seq);
                for (;;) {
                    struct timespec pause_100ms = {0, 100 * 1000 * 1000};
                    putchar('x');
                    fflush(stdout);
                    nanosleep(&pause_100ms, NULL);
                }
            }
            if (strcmp(mode, "number-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"returned\",\"value\":", seq);
                for (int i = 0; i < 2000000; i++) putchar('1');
                puts("}");
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "deep-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"done\",\"x\":", seq);
                for (int i = 0; i < 100000; i++) putchar('[');
                for (int i = 0; i < 100000; i++) putchar(']');
                puts("}");
                fflush(stdout);
                continue;
            }
            if (strcmp(mode, "tokens-on-op") == 0) {
                printf("{\"type\":\"result\",\"seq\":%ld,\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":\"\",\"unreadable_pages\":[0", seq);
                for (int i = 1; i < 1500000; i++) fputs(",0", stdout);
                puts("]}");
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
