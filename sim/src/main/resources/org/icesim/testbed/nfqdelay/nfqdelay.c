/*
 * nfqdelay: one direction of one testbed link. Packets reach it through an iptables NFQUEUE rule
 * (raw PREROUTING, before conntrack) and leave when their verdict is given, so holding the
 * verdict is the link's delay. Packets leave in arrival order (FIFO): a link never reorders.
 *
 *   nfqdelay QUEUE DELAY_US JITTER_US RATE_BPS QUEUE_BYTES LOSS UP
 *
 * JITTER_US: standard deviation of a half-normal extra delay per packet (0: none).
 * RATE_BPS: serialization rate in bit/s (0: unlimited). QUEUE_BYTES: drop-tail limit of the bytes
 * waiting to be serialized (0: unlimited). LOSS: probability in [0, 1] that a packet is dropped.
 * UP: 1, or 0 for a link that drops everything. Standard input takes
 * "set DELAY_US JITTER_US RATE_BPS QUEUE_BYTES LOSS UP" lines, which apply from then on; a link
 * going down also loses the packets it holds (in flight). A line takes effect within microseconds,
 * unlike a firewall change, which is why link faults are applied here. The program prints "ready"
 * once the queue is bound and exits when standard input closes.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define SLOTS 65536

struct held {
    uint32_t id;
    int64_t due_us;
};

static struct held ring[SLOTS];
static unsigned head, tail;
static int64_t delay_us, jitter_us, rate_bps, queue_bytes;
static double loss;
static int up = 1;
static int64_t last_due_us, serialized_until_us;
static struct nfq_q_handle *queue;

static int64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* |N(0, sd)| by the Box-Muller transform. */
static int64_t half_normal(int64_t sd) {
    if (sd <= 0) {
        return 0;
    }
    double u1 = (rand() + 1.0) / (RAND_MAX + 2.0);
    double u2 = (rand() + 1.0) / (RAND_MAX + 2.0);
    return (int64_t) fabs(sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2) * (double) sd);
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *data, void *unused) {
    (void) msg;
    (void) unused;
    struct nfqnl_msg_packet_hdr *header = nfq_get_msg_packet_hdr(data);
    if (header == NULL) {
        return 0;
    }
    uint32_t id = ntohl(header->packet_id);
    if (!up || (loss > 0 && rand() < loss * ((double) RAND_MAX + 1.0))) {
        return nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
    }
    unsigned char *payload;
    int copied = nfq_get_payload(data, &payload);
    int64_t size = copied >= 4 ? (payload[2] << 8 | payload[3]) : 0;
    int64_t now = now_us();
    int64_t sent = now;
    if (rate_bps > 0) {
        int64_t start = serialized_until_us > now ? serialized_until_us : now;
        int64_t waiting_bytes = (start - now) * rate_bps / 8000000;
        if (queue_bytes > 0 && waiting_bytes + size > queue_bytes) {
            return nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
        }
        sent = start + size * 8000000 / rate_bps;
        serialized_until_us = sent;
    }
    int64_t due = sent + delay_us + half_normal(jitter_us);
    if (due < last_due_us) {
        due = last_due_us;
    }
    last_due_us = due;
    if (head - tail == SLOTS) {
        return nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
    }
    ring[head % SLOTS] = (struct held) {id, due};
    head++;
    return 0;
}

static void release_due(void) {
    int64_t now = now_us();
    while (tail != head && ring[tail % SLOTS].due_us <= now) {
        nfq_set_verdict(queue, ring[tail % SLOTS].id, NF_ACCEPT, 0, NULL);
        tail++;
    }
}

/* A link going down loses what is in flight on it. */
static void drop_held(void) {
    while (tail != head) {
        nfq_set_verdict(queue, ring[tail % SLOTS].id, NF_DROP, 0, NULL);
        tail++;
    }
    serialized_until_us = 0;
}

static int read_settings(void) {
    static char line[256];
    static size_t used;
    ssize_t n = read(STDIN_FILENO, line + used, sizeof line - 1 - used);
    if (n <= 0) {
        return -1;
    }
    used += (size_t) n;
    line[used] = '\0';
    char *end;
    while ((end = strchr(line, '\n')) != NULL) {
        *end = '\0';
        long long d, j, r, q;
        double l;
        int u;
        if (sscanf(line, "set %lld %lld %lld %lld %lf %d", &d, &j, &r, &q, &l, &u) == 6) {
            delay_us = d;
            jitter_us = j;
            rate_bps = r;
            queue_bytes = q;
            loss = l;
            if (up && !u) {
                drop_held();
            }
            up = u;
        } else {
            fprintf(stderr, "nfqdelay: ignored line '%s'\n", line);
        }
        size_t rest = used - (size_t) (end + 1 - line);
        memmove(line, end + 1, rest + 1);
        used = rest;
    }
    if (used == sizeof line - 1) {
        used = 0;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: nfqdelay QUEUE DELAY_US JITTER_US RATE_BPS QUEUE_BYTES LOSS UP\n");
        return 2;
    }
    int number = atoi(argv[1]);
    delay_us = atoll(argv[2]);
    jitter_us = atoll(argv[3]);
    rate_bps = atoll(argv[4]);
    queue_bytes = atoll(argv[5]);
    loss = atof(argv[6]);
    up = atoi(argv[7]);
    srand((unsigned) (getpid() ^ now_us()));
    struct nfq_handle *handle = nfq_open();
    if (handle == NULL) {
        perror("nfqdelay: nfq_open");
        return 1;
    }
    queue = nfq_create_queue(handle, (uint16_t) number, on_packet, NULL);
    if (queue == NULL) {
        perror("nfqdelay: nfq_create_queue");
        return 1;
    }
    if (nfq_set_mode(queue, NFQNL_COPY_PACKET, 64) < 0) {
        perror("nfqdelay: nfq_set_mode");
        return 1;
    }
    nfq_set_queue_maxlen(queue, SLOTS);
    nfnl_rcvbufsiz(nfq_nfnlh(handle), 8 * 1024 * 1024);
    int fd = nfq_fd(handle);
    printf("ready\n");
    fflush(stdout);
    char buffer[4096] __attribute__((aligned));
    for (;;) {
        release_due();
        int timeout = -1;
        if (tail != head) {
            int64_t wait = ring[tail % SLOTS].due_us - now_us();
            timeout = wait <= 0 ? 0 : (int) ((wait + 999) / 1000);
        }
        struct pollfd fds[2] = {{fd, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        if (poll(fds, 2, timeout) < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("nfqdelay: poll");
            return 1;
        }
        if (fds[0].revents & POLLIN) {
            ssize_t n;
            while ((n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
                nfq_handle_packet(handle, buffer, (int) n);
            }
        }
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            if (read_settings() < 0) {
                break;
            }
        }
    }
    nfq_destroy_queue(queue);
    nfq_close(handle);
    return 0;
}
