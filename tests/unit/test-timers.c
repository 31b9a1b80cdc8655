/*
 * Timers and clocks, run by the real main loop on real time.
 *
 * Times are short (a few ms) to keep the run fast, and checks on lateness
 * are generous (tens of ms) so a loaded machine does not make them flaky;
 * every wait has a watchdog so a broken feature fails instead of hanging.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timers.h"

#define MS (1000 * 1000LL)
#define WATCHDOG_NS (5000 * MS)

static int64_t rt_now(void)
{
    return time_now_ns(TIME_REALTIME);
}

/* Iterates the main loop until *flag is set; fails after WATCHDOG_NS. */
static void run_until(const bool *flag)
{
    int64_t give_up = rt_now() + WATCHDOG_NS;

    while (!*flag) {
        g_assert_cmpint(rt_now(), <, give_up);
        /* Never block past the watchdog, even with no timer armed. */
        if (timers_next_deadline_ns() < 0) {
            main_loop_iterate(false);
            g_usleep(1000);
        } else {
            main_loop_iterate(true);
        }
    }
}

/* A timer that records when it fired, and in which order. */
typedef struct Probe {
    Timer *timer;
    int id;
    int fired;
    int64_t fired_at;       /* in the timer's clock */
    int64_t expected_ns;    /* when it was armed to fire */
    GArray *order;          /* ids, in firing order (optional) */
    bool *done;             /* set when this probe fires (optional) */
} Probe;

static void probe_fire(void *opaque)
{
    Probe *p = opaque;

    g_assert_true(bql_locked());
    g_assert_true(main_loop_is_io_thread());
    p->fired++;
    p->fired_at = time_now_ns(timer_clock(p->timer));
    if (p->order) {
        g_array_append_val(p->order, p->id);
    }
    if (p->done) {
        *p->done = true;
    }
}

static void probe_init(Probe *p, TimeClock clock, int id)
{
    memset(p, 0, sizeof(*p));
    p->id = id;
    p->timer = timer_new_ns(clock, probe_fire, p);
}

static void probe_arm(Probe *p, int64_t delay_ns)
{
    p->expected_ns = time_now_ns(timer_clock(p->timer)) + delay_ns;
    timer_mod_ns(p->timer, p->expected_ns);
}

static void test_deadline_order(void)
{
    /* Armed out of order; they must fire sorted by deadline. */
    static const int delay_ms[] = { 8, 2, 12, 4, 6, 10 };
    Probe probes[ARRAY_SIZE(delay_ms)];
    GArray *order = g_array_new(false, false, sizeof(int));
    bool done = false;
    int last = -1;

    for (size_t i = 0; i < ARRAY_SIZE(probes); i++) {
        probe_init(&probes[i], TIME_REALTIME, i);
        probes[i].order = order;
        probe_arm(&probes[i], delay_ms[i] * MS);
    }
    probes[2].done = &done;         /* the last one */
    run_until(&done);

    g_assert_cmpuint(order->len, ==, ARRAY_SIZE(probes));
    for (guint i = 0; i < order->len; i++) {
        int id = g_array_index(order, int, i);
        Probe *p = &probes[id];

        g_assert_cmpint(p->fired, ==, 1);
        g_assert_cmpint(p->fired_at, >=, p->expected_ns);
        if (last >= 0) {
            g_assert_cmpint(delay_ms[last], <, delay_ms[id]);
        }
        last = id;
        g_assert_false(timer_pending(p->timer));
        timer_free(p->timer);
    }
    g_array_free(order, true);
}

static void test_mod_moves(void)
{
    Probe a, b;
    bool done = false;
    int64_t start;

    /* Earlier: armed at +500 ms, moved to +5 ms, fires near +5 ms. */
    probe_init(&a, TIME_REALTIME, 0);
    a.done = &done;
    start = rt_now();
    timer_mod_ns(a.timer, start + 500 * MS);
    probe_arm(&a, 5 * MS);
    run_until(&done);
    g_assert_cmpint(a.fired, ==, 1);
    g_assert_cmpint(a.fired_at, >=, start + 5 * MS);
    g_assert_cmpint(a.fired_at, <, start + 200 * MS);

    /* Later: armed at +2 ms, moved to +30 ms; a probe at +10 ms finds it
     * still pending, and it fires no earlier than +30 ms. */
    done = false;
    a.fired = 0;
    probe_init(&b, TIME_REALTIME, 1);
    start = rt_now();
    timer_mod_ns(a.timer, start + 2 * MS);
    probe_arm(&a, 30 * MS);
    probe_arm(&b, 10 * MS);
    b.done = &done;
    run_until(&done);
    g_assert_cmpint(a.fired, ==, 0);
    g_assert_true(timer_pending(a.timer));
    done = false;
    b.done = NULL;
    a.done = &done;
    run_until(&done);
    g_assert_cmpint(a.fired, ==, 1);
    g_assert_cmpint(a.fired_at, >=, start + 30 * MS);

    timer_free(a.timer);
    timer_free(b.timer);
}

static void test_mod_anticipate(void)
{
    Timer *t = timer_new_ns(TIME_REALTIME, probe_fire, NULL);
    int64_t base = rt_now() + 1000 * MS;

    timer_mod_anticipate_ns(t, base + 10);      /* not pending: arms it */
    g_assert_cmpint(timer_expire_time_ns(t), ==, base + 10);
    timer_mod_anticipate_ns(t, base + 20);      /* later: ignored */
    g_assert_cmpint(timer_expire_time_ns(t), ==, base + 10);
    timer_mod_anticipate_ns(t, base + 5);       /* earlier: moves */
    g_assert_cmpint(timer_expire_time_ns(t), ==, base + 5);
    timer_mod_ns(t, base + 50);                 /* plain mod may go later */
    g_assert_cmpint(timer_expire_time_ns(t), ==, base + 50);
    timer_free(t);
}

static void test_units(void)
{
    Timer *ms = timer_new_ms(TIME_VIRTUAL, probe_fire, NULL);
    Timer *us = timer_new_us(TIME_HOST, probe_fire, NULL);
    Timer *ns = timer_new_ns(TIME_REALTIME, probe_fire, NULL);

    g_assert_cmpint(timer_expire_time_ns(ms), ==, -1);
    timer_mod(ms, 1234567);
    g_assert_cmpint(timer_expire_time_ns(ms), ==, 1234567 * MS);
    timer_mod(us, 7);
    g_assert_cmpint(timer_expire_time_ns(us), ==, 7000);
    timer_mod(ns, INT64_MAX);
    g_assert_cmpint(timer_expire_time_ns(ns), ==, INT64_MAX);
    timer_mod_anticipate(ms, 1000);
    g_assert_cmpint(timer_expire_time_ns(ms), ==, 1000 * MS);
    /* Overflow saturates rather than wrapping into the past. */
    timer_mod(ms, INT64_MAX / 1000);
    g_assert_cmpint(timer_expire_time_ns(ms), ==, INT64_MAX);
    timer_del(ms);
    timer_del(us);
    timer_del(ns);
    g_assert_false(timer_pending(ms) || timer_pending(us) || timer_pending(ns));
    timer_free(ms);
    timer_free(us);
    timer_free(ns);
    timer_free(NULL);
}

static void test_del(void)
{
    Probe victim, sentinel;
    bool done = false;

    probe_init(&victim, TIME_REALTIME, 0);
    probe_init(&sentinel, TIME_REALTIME, 1);
    sentinel.done = &done;
    probe_arm(&victim, 2 * MS);
    probe_arm(&sentinel, 15 * MS);
    g_assert_true(timer_pending(victim.timer));
    timer_del(victim.timer);
    g_assert_false(timer_pending(victim.timer));
    g_assert_cmpint(timer_expire_time_ns(victim.timer), ==, -1);
    timer_del(victim.timer);                    /* twice is fine */
    run_until(&done);
    g_assert_cmpint(victim.fired, ==, 0);
    timer_free(victim.timer);
    timer_free(sentinel.timer);
}

typedef struct Periodic {
    Timer *timer;
    int count;
    int limit;
    int64_t period_ns;
    int64_t next_ns;
    bool done;
} Periodic;

static void periodic_fire(void *opaque)
{
    Periodic *p = opaque;

    g_assert_cmpint(time_now_ns(TIME_REALTIME), >=, p->next_ns);
    if (++p->count < p->limit) {
        p->next_ns += p->period_ns;
        timer_mod_ns(p->timer, p->next_ns);
    } else {
        p->done = true;
    }
}

static void test_periodic(void)
{
    Periodic p = { .limit = 6, .period_ns = 2 * MS };
    Probe sentinel;
    bool done = false;
    int64_t start = rt_now();

    p.timer = timer_new_ns(TIME_REALTIME, periodic_fire, &p);
    p.next_ns = start + p.period_ns;
    timer_mod_ns(p.timer, p.next_ns);
    run_until(&p.done);
    g_assert_cmpint(p.count, ==, p.limit);
    g_assert_cmpint(rt_now() - start, >=, p.limit * p.period_ns);
    g_assert_false(timer_pending(p.timer));

    /* It stopped re-arming: it must not fire again. */
    probe_init(&sentinel, TIME_REALTIME, 0);
    sentinel.done = &done;
    probe_arm(&sentinel, 3 * p.period_ns);
    run_until(&done);
    g_assert_cmpint(p.count, ==, p.limit);
    timer_free(p.timer);
    timer_free(sentinel.timer);
}

typedef struct Killer {
    Timer *timer;
    Timer *victim;
    bool fired;
} Killer;

static void killer_fire(void *opaque)
{
    Killer *k = opaque;

    k->fired = true;
    g_assert_true(timer_pending(k->victim));
    timer_del(k->victim);
}

static void test_callback_deletes_other(void)
{
    Killer k = { 0 };
    Probe later, same_pass, sentinel;
    bool done = false;
    int64_t now = rt_now();

    probe_init(&later, TIME_REALTIME, 0);
    probe_init(&same_pass, TIME_REALTIME, 1);
    probe_init(&sentinel, TIME_REALTIME, 2);
    k.timer = timer_new_ns(TIME_REALTIME, killer_fire, &k);

    /* Both already due: the victim is next in the very same pass. */
    k.victim = same_pass.timer;
    timer_mod_ns(k.timer, now - 2);
    timer_mod_ns(same_pass.timer, now - 1);
    g_assert_true(timers_run_expired());
    g_assert_true(k.fired);
    g_assert_cmpint(same_pass.fired, ==, 0);
    g_assert_false(timer_pending(same_pass.timer));

    /* The victim is due later. */
    k.fired = false;
    k.victim = later.timer;
    timer_mod_ns(k.timer, rt_now() + 2 * MS);
    probe_arm(&later, 6 * MS);
    sentinel.done = &done;
    probe_arm(&sentinel, 15 * MS);
    run_until(&done);
    g_assert_true(k.fired);
    g_assert_cmpint(later.fired, ==, 0);

    timer_free(k.timer);
    timer_free(later.timer);
    timer_free(same_pass.timer);
    timer_free(sentinel.timer);
}

typedef struct SelfFree {
    Timer *timer;
    Timer **other;          /* also freed, if set */
    int *fired;
} SelfFree;

static void self_free_fire(void *opaque)
{
    SelfFree *s = opaque;

    (*s->fired)++;
    timer_free(s->timer);
    if (s->other) {
        timer_free(*s->other);
        *s->other = NULL;
    }
    g_free(s);
}

static void test_callback_frees_itself(void)
{
    SelfFree *a = g_new0(SelfFree, 1);
    SelfFree *b = g_new0(SelfFree, 1);
    Probe sentinel;
    int fired = 0;
    int64_t now = rt_now();
    Timer *c = timer_new_ns(TIME_REALTIME, probe_fire, NULL);

    /* a frees itself and c (due right after it); b frees itself. */
    a->timer = timer_new_ns(TIME_REALTIME, self_free_fire, a);
    a->fired = &fired;
    a->other = &c;
    b->timer = timer_new_ns(TIME_REALTIME, self_free_fire, b);
    b->fired = &fired;
    timer_mod_ns(a->timer, now - 3);
    timer_mod_ns(c, now - 2);
    timer_mod_ns(b->timer, now - 1);
    g_assert_true(timers_run_expired());
    g_assert_cmpint(fired, ==, 2);
    g_assert_null(c);

    /* Nothing is left armed that could touch the freed memory. */
    probe_init(&sentinel, TIME_REALTIME, 0);
    probe_arm(&sentinel, 1 * MS);
    g_assert_cmpint(timers_next_deadline_ns(), <=, 1 * MS);
    timer_free(sentinel.timer);
    g_assert_false(timers_run_expired());
}

static void test_next_deadline(void)
{
    Timer *t = timer_new_ms(TIME_REALTIME, probe_fire, NULL);
    int64_t deadline;

    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    timer_mod(t, rt_now() / MS + 100);
    deadline = timers_next_deadline_ns();
    g_assert_cmpint(deadline, >, 50 * MS);
    g_assert_cmpint(deadline, <=, 100 * MS);
    timer_mod_ns(t, 0);                         /* long past: due now */
    g_assert_cmpint(timers_next_deadline_ns(), ==, 0);
    timer_free(t);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
}

static void sleep_ms(int ms)
{
    g_usleep(ms * 1000);
}

static void test_virtual_paused(void)
{
    Probe virt, real;
    bool real_done = false, virt_done = false;
    int64_t v0, v1, v2, v3;

    vm_start();
    g_assert_true(time_virtual_is_running());
    v0 = time_now_ns(TIME_VIRTUAL);
    sleep_ms(10);
    v1 = time_now_ns(TIME_VIRTUAL);
    g_assert_cmpint(v1 - v0, >=, 10 * MS);

    vm_stop(RUN_STATE_PAUSED);
    g_assert_false(time_virtual_is_running());
    v1 = time_now_ns(TIME_VIRTUAL);

    /* While paused: realtime timers fire, virtual ones do not. */
    probe_init(&virt, TIME_VIRTUAL, 0);
    probe_init(&real, TIME_REALTIME, 1);
    virt.done = &virt_done;
    real.done = &real_done;
    probe_arm(&virt, 5 * MS);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    probe_arm(&real, 30 * MS);
    run_until(&real_done);
    g_assert_cmpint(virt.fired, ==, 0);
    g_assert_true(timer_pending(virt.timer));
    g_assert_false(timers_run_expired());

    v2 = time_now_ns(TIME_VIRTUAL);
    g_assert_cmpint(v2, ==, v1);

    /* Resumed: no jump over the 30 ms paused, and the timer fires 5 ms on. */
    vm_start();
    v3 = time_now_ns(TIME_VIRTUAL);
    g_assert_cmpint(v3 - v1, >=, 0);
    g_assert_cmpint(v3 - v1, <, 10 * MS);
    run_until(&virt_done);
    g_assert_cmpint(virt.fired, ==, 1);
    g_assert_cmpint(virt.fired_at, >=, v1 + 5 * MS);
    g_assert_cmpint(virt.fired_at, <, v1 + 200 * MS);

    timer_free(virt.timer);
    timer_free(real.timer);
}

static void pause_vm(void *opaque)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void test_virtual_pause_in_callback(void)
{
    Timer *pauser = timer_new_ns(TIME_VIRTUAL, pause_vm, NULL);
    Probe after;
    int64_t now;

    /* Both due; the first pauses the VM, so the second must wait. */
    vm_start();
    now = time_now_ns(TIME_VIRTUAL);
    probe_init(&after, TIME_VIRTUAL, 0);
    timer_mod_ns(pauser, now - 2);
    timer_mod_ns(after.timer, now - 1);
    g_assert_true(timers_run_expired());
    g_assert_false(runstate_is_running());
    g_assert_cmpint(after.fired, ==, 0);
    vm_start();
    g_assert_true(timers_run_expired());
    g_assert_cmpint(after.fired, ==, 1);
    timer_free(pauser);
    timer_free(after.timer);
}

typedef struct CrossThread {
    Timer *timer;
    int64_t armed_for;
} CrossThread;

static gpointer arm_from_thread(gpointer opaque)
{
    CrossThread *ct = opaque;

    g_assert_false(bql_locked());
    sleep_ms(20);
    ct->armed_for = time_now_ns(TIME_REALTIME) + 10 * MS;
    timer_mod_ns(ct->timer, ct->armed_for);
    return NULL;
}

static void test_cross_thread_wakes_loop(void)
{
    Probe late, early;
    bool done = false;
    CrossThread ct;
    GThread *thread;
    int64_t start = rt_now();

    /* The loop blocks on a deadline 2 s away ... */
    probe_init(&late, TIME_REALTIME, 0);
    probe_arm(&late, 2000 * MS);
    probe_init(&early, TIME_REALTIME, 1);
    early.done = &done;
    ct.timer = early.timer;

    /* ... until another thread arms an earlier one. */
    thread = g_thread_new("arm", arm_from_thread, &ct);
    while (!done) {
        main_loop_iterate(true);
        g_assert_cmpint(rt_now() - start, <, 1500 * MS);
    }
    g_thread_join(thread);
    g_assert_cmpint(early.fired_at, >=, ct.armed_for);
    g_assert_cmpint(early.fired_at, <, ct.armed_for + 200 * MS);
    g_assert_cmpint(late.fired, ==, 0);
    timer_free(late.timer);
    timer_free(early.timer);
}

static int notified;

static void count_notify(void)
{
    notified++;
}

static void test_virtual_notify(void)
{
    Timer *a = timer_new_ns(TIME_VIRTUAL, probe_fire, NULL);
    Timer *b = timer_new_ns(TIME_VIRTUAL, probe_fire, NULL);
    Timer *r = timer_new_ns(TIME_REALTIME, probe_fire, NULL);
    int64_t now = time_now_ns(TIME_VIRTUAL);

    timers_set_virtual_notify(count_notify);
    notified = 0;
    timer_mod_ns(a, now + 1000 * MS);           /* first: earliest */
    g_assert_cmpint(notified, ==, 1);
    timer_mod_ns(b, now + 2000 * MS);           /* later than a */
    g_assert_cmpint(notified, ==, 1);
    timer_mod_ns(b, now + 500 * MS);            /* earlier than a */
    g_assert_cmpint(notified, ==, 2);
    timer_mod_ns(r, rt_now());                  /* other clocks: no */
    g_assert_cmpint(notified, ==, 2);
    timers_set_virtual_notify(NULL);
    timer_free(a);
    timer_free(b);
    timer_free(r);
}

static int64_t fake_icount;

static int64_t fake_icount_ns(void *opaque)
{
    return *(int64_t *)opaque;
}

static void test_virtual_source(void)
{
    int64_t v, start;
    Probe p;

    vm_start();
    v = time_now_ns(TIME_VIRTUAL);
    fake_icount = v;
    time_virtual_set_source(fake_icount_ns, &fake_icount);
    sleep_ms(5);
    g_assert_cmpint(time_now_ns(TIME_VIRTUAL), ==, v);

    /* Virtual timers follow the source, not the host clock. */
    probe_init(&p, TIME_VIRTUAL, 0);
    timer_mod_ns(p.timer, v + 1000);
    g_assert_false(timers_run_expired());
    fake_icount += 1000;
    g_assert_cmpint(time_now_ns(TIME_VIRTUAL), ==, v + 1000);
    g_assert_true(timers_run_expired());
    g_assert_cmpint(p.fired, ==, 1);

    /* Back to host time: it continues from the source's last value. */
    time_virtual_set_source(NULL, NULL);
    start = time_now_ns(TIME_VIRTUAL);
    g_assert_cmpint(start, >=, v + 1000);
    g_assert_cmpint(start, <, v + 1000 + 10 * MS);
    timer_free(p.timer);
}

static void test_clocks(void)
{
    int64_t r0 = time_now_ns(TIME_REALTIME);
    int64_t h = time_now_ns(TIME_HOST);

    g_assert_cmpint(h / 1000000000, >=, g_get_real_time() / 1000000 - 2);
    g_assert_cmpint(h / 1000000000, <=, g_get_real_time() / 1000000 + 2);
    sleep_ms(2);
    g_assert_cmpint(time_now_ns(TIME_REALTIME) - r0, >=, 2 * MS);
    g_assert_cmpstr(time_clock_name(TIME_VIRTUAL), ==, "virtual");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    /* Before the machine starts, virtual time stands at 0. */
    g_assert_cmpint(time_now_ns(TIME_VIRTUAL), ==, 0);
    main_loop_init();
    g_assert_true(bql_locked());

    g_test_add_func("/timers/clocks", test_clocks);
    g_test_add_func("/timers/deadline-order", test_deadline_order);
    g_test_add_func("/timers/mod-moves", test_mod_moves);
    g_test_add_func("/timers/mod-anticipate", test_mod_anticipate);
    g_test_add_func("/timers/units", test_units);
    g_test_add_func("/timers/del", test_del);
    g_test_add_func("/timers/periodic", test_periodic);
    g_test_add_func("/timers/callback-deletes-other", test_callback_deletes_other);
    g_test_add_func("/timers/callback-frees-itself", test_callback_frees_itself);
    g_test_add_func("/timers/next-deadline", test_next_deadline);
    g_test_add_func("/timers/virtual-paused", test_virtual_paused);
    g_test_add_func("/timers/virtual-pause-in-callback",
                    test_virtual_pause_in_callback);
    g_test_add_func("/timers/cross-thread-wakes-loop",
                    test_cross_thread_wakes_loop);
    g_test_add_func("/timers/virtual-notify", test_virtual_notify);
    g_test_add_func("/timers/virtual-source", test_virtual_source);
    return g_test_run();
}
