// The hold model on ns-3's event queue, built against Debian's libns3-dev: the same model as
// icesim's `bench --kernel` (org.icesim.bench.HoldModel), so the two queues are compared on equal
// terms. `pending` events wait in the queue; each event, when it runs, schedules one successor at
// a delay taken from a table of 65 536 exponential delays (mean 1 ms) drawn before timing starts,
// so the measurement times the queue rather than the logarithm. The figure is events per second of
// this thread's CPU time, after as many warm-up events as are measured.
//
// usage: hold SCHEDULER PENDING EVENTS     e.g. hold ns3::CalendarScheduler 1000 20000000
#include <ns3/core-module.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <time.h>

namespace
{
constexpr std::size_t kDelayTableSize = 1 << 16;
constexpr double kMeanDelayNanos = 1e6;

int64_t g_delays[kDelayTableSize];
std::size_t g_next = 0;
uint64_t g_eventsRun = 0;
uint64_t g_stopAt = 0;

int64_t
NextDelay()
{
    g_next = (g_next + 1) & (kDelayTableSize - 1);
    return g_delays[g_next];
}

void
Hold()
{
    ++g_eventsRun;
    ns3::Simulator::Schedule(ns3::NanoSeconds(NextDelay()), &Hold);
    if (g_eventsRun >= g_stopAt)
    {
        ns3::Simulator::Stop();
    }
}

double
ThreadCpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}
} // namespace

int
main(int argc, char** argv)
{
    if (argc != 4)
    {
        std::fprintf(stderr, "usage: %s SCHEDULER PENDING EVENTS\n", argv[0]);
        return 2;
    }
    const char* scheduler = argv[1];
    const long pending = std::atol(argv[2]);
    const long events = std::atol(argv[3]);
    if (pending < 1 || events < 1)
    {
        std::fprintf(stderr, "PENDING and EVENTS must be >= 1\n");
        return 2;
    }
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (auto& delay : g_delays)
    {
        delay = static_cast<int64_t>(-std::log(1.0 - uniform(random)) * kMeanDelayNanos);
    }

    ns3::ObjectFactory factory;
    factory.SetTypeId(scheduler);
    ns3::Simulator::SetScheduler(factory);
    for (long i = 0; i < pending; i++)
    {
        ns3::Simulator::Schedule(ns3::NanoSeconds(NextDelay()), &Hold);
    }
    g_stopAt = events; // warm-up
    ns3::Simulator::Run();
    g_stopAt = g_eventsRun + events;
    const double start = ThreadCpuSeconds();
    ns3::Simulator::Run();
    const double cpu = ThreadCpuSeconds() - start;
    std::printf("%s %ld %.3f\n", scheduler, pending, events / cpu / 1e6);
    ns3::Simulator::Destroy();
    return 0;
}
