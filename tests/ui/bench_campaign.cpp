// Campaign benchmark (scripts/bench-campaign.sh runs it; not a ctest test). The console's main window
// is open while the real server runs SMS campaigns through the outbox to a local fake Twilio (the
// script's Node server, which logs each request's arrival time and recipient):
//   1. throttle off, BENCH_RECIPIENTS leads (default 10,000): wall time from execute to completed,
//      sends/s at the fake, every lead exactly once;
//   2. throttle BENCH_THROTTLE per minute (default 600) over BENCH_THROTTLED leads (default 600):
//      the rate measured at the fake and its deviation from the throttle;
// and, during both, the GUI thread's event-loop lateness (a 5 ms timer: p99 and max).
#include "MainWindow.h"
#include "TestSupport.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace sb;
using namespace sb::test;

namespace {

int envInt(const char *name, int fallback)
{
    const int value = qEnvironmentVariableIntValue(name);
    return value > 0 ? value : fallback;
}

// One lead per phone, source `source`, first names Bench<n>; all in one writer job.
bool seed(TestServer &server, int first, int count, const QString &source)
{
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [first, count, source](SqlContext &c) -> ApiResult {
        for (int i = first; i < first + count; ++i) {
            const auto lead = LeadDirectory::forPhone(
                c, QStringLiteral("+1415%1").arg(i, 7, 10, QLatin1Char('0')), source, {});
            c.run(QStringLiteral("UPDATE leads SET first_name = ? WHERE id = ?"),
                {QStringLiteral("Bench%1").arg(i), lead.id});
        }
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    return QTest::qWaitFor([&done] { return done; }, 120000);
}

HttpReply api(TestServer &server, const QByteArray &method, const QString &path, const QJsonObject &body = {})
{
    return request(method, server.url(path),
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}, {"X-API-Key", adminKey}}, 60000);
}

// The fake's log: "<arrival ms> <to>" per request.
struct Arrivals
{
    std::vector<double> at;
    QSet<QString> recipients;
};

Arrivals readArrivals(const QString &path, qsizetype skipLines)
{
    Arrivals arrivals;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return arrivals;
    qsizetype line = 0;
    while (!file.atEnd()) {
        const auto text = file.readLine().trimmed();
        if (line++ < skipLines || text.isEmpty())
            continue;
        const auto parts = text.split(' ');
        arrivals.at.push_back(parts.value(0).toDouble());
        arrivals.recipients.insert(QString::fromUtf8(parts.value(1)));
    }
    return arrivals;
}

struct Lateness
{
    QElapsedTimer tick;
    std::vector<double> samples;
    QTimer probe;

    Lateness()
    {
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [this] {
            samples.push_back(std::max(0.0, double(tick.nsecsElapsed()) / 1e6 - 5));
            tick.restart();
        });
    }
    void start()
    {
        samples.clear();
        tick.start();
        probe.start();
    }
    void stop() { probe.stop(); }
    double percentile(double p)
    {
        if (samples.empty())
            return 0;
        std::sort(samples.begin(), samples.end());
        return samples[std::min(samples.size() - 1, size_t(double(samples.size()) * p))];
    }
};

struct Run
{
    bool ok = false;
    double wallSeconds = 0;
    Arrivals arrivals;
    QJsonObject progress;
};

// Creates and executes a campaign over `source`'s leads; waits (turning the GUI event loop) until
// it completes.
Run runCampaign(TestServer &server, const QString &source, int throttle, const QString &arrivalsPath,
    qsizetype arrivalsBefore, int timeoutSeconds)
{
    Run run;
    const auto created = api(server, "POST", QStringLiteral("/api/campaigns"),
        {{QStringLiteral("name"), QStringLiteral("Bench %1/min").arg(throttle)},
            {QStringLiteral("channel"), QStringLiteral("sms")},
            {QStringLiteral("body"), QStringLiteral("Hi {first_name|there}, this week only: 20% off.")},
            {QStringLiteral("throttlePerMinute"), throttle},
            {QStringLiteral("audience"), QJsonObject {{QStringLiteral("source"), QJsonArray {source}}}}});
    if (created.status != 201) {
        std::printf("create failed: %d %s\n", created.status, created.body.constData());
        return run;
    }
    const auto id = created.json().value(QStringLiteral("id")).toInteger();
    QElapsedTimer wall;
    wall.start();
    const auto executed = api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id));
    if (executed.status != 202) {
        std::printf("execute failed: %d %s\n", executed.status, executed.body.constData());
        return run;
    }
    QJsonObject campaign;
    while (wall.elapsed() < timeoutSeconds * 1000LL) {
        QTest::qWait(200);
        campaign = api(server, "GET", QStringLiteral("/api/campaigns/%1").arg(id)).json();
        if (campaign.value(QStringLiteral("state")).toString() == QLatin1String("completed"))
            break;
    }
    run.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    run.ok = campaign.value(QStringLiteral("state")).toString() == QLatin1String("completed");
    run.progress = campaign.value(QStringLiteral("progress")).toObject();
    QTest::qWait(300); // the fake's last lines
    run.arrivals = readArrivals(arrivalsPath, arrivalsBefore);
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QStandardPaths::setTestModeEnabled(true);
    const auto twilio = qEnvironmentVariable("BENCH_TWILIO_URL");
    const auto arrivalsPath = qEnvironmentVariable("BENCH_ARRIVALS");
    if (twilio.isEmpty() || arrivalsPath.isEmpty()) {
        std::printf("BENCH_TWILIO_URL and BENCH_ARRIVALS are needed (scripts/bench-campaign.sh sets them)\n");
        return 2;
    }
    const int recipients = envInt("BENCH_RECIPIENTS", 10000);
    const int throttle = envInt("BENCH_THROTTLE", 600);
    const int throttled = envInt("BENCH_THROTTLED", 600);

    QTemporaryDir dir;
    TestServer server(
        [&](RuntimeOptions &options) {
            options.rateLimitPerMinute = 0;
            options.environment.insert(
                QStringLiteral("TWILIO_ACCOUNT_SID"), QStringLiteral("AC0123456789abcdef0123456789abcdef"));
            options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("bench-token"));
            options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+14155550100"));
            options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), twilio);
            options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        },
        nullptr, {}, dir.path());
    if (!server.started()) {
        std::printf("runtime did not start: %s\n", qPrintable(server.error()));
        return 2;
    }
    QElapsedTimer timer;
    timer.start();
    if (!seed(server, 1000000, recipients, QStringLiteral("bench"))
        || !seed(server, 2000000, throttled, QStringLiteral("bench-throttled"))) {
        std::printf("seeding the leads did not finish\n");
        return 2;
    }
    std::printf("seeded %d + %d leads in %.1f s\n", recipients, throttled, double(timer.elapsed()) / 1000);

    MainWindow window(server.runtime());
    window.resize(1400, 900);
    window.show();
    window.showSection(MainWindow::Section::Campaigns); // the list and the progress bars update live
    if (!QTest::qWaitForWindowExposed(&window))
        return 2;
    QTest::qWait(500);

    int failures = 0;
    Lateness lateness;
    lateness.start();
    auto fast = runCampaign(server, QStringLiteral("bench"), 0, arrivalsPath, 0, 600);
    lateness.stop();
    const auto fastCount = qsizetype(fast.arrivals.at.size());
    const double span = fastCount > 1 ? (fast.arrivals.at.back() - fast.arrivals.at.front()) / 1000 : 0;
    std::printf("\n1. %d-recipient SMS campaign, throttle off (fake Twilio, pacing off):\n", recipients);
    std::printf("  %-52s %10s\n", "completed", fast.ok ? "yes" : "NO");
    std::printf("  %-52s %10.2f s\n", "wall time, execute to completed", fast.wallSeconds);
    std::printf("  %-52s %10.0f /s\n", "sends at the fake (first to last request)",
        span > 0 ? double(fastCount - 1) / span : 0);
    std::printf("  %-52s %10.0f /s\n", "recipients / wall time", double(recipients) / fast.wallSeconds);
    std::printf("  %-52s %10lld\n", "requests at the fake", qint64(fastCount));
    std::printf(
        "  %-52s %10lld\n", "distinct recipients at the fake", qint64(fast.arrivals.recipients.size()));
    std::printf("  %-52s %10lld\n", "progress.sent", fast.progress.value(QStringLiteral("sent")).toInteger());
    std::printf("  %-52s %10.1f ms\n", "GUI event-loop lateness p50", lateness.percentile(0.5));
    std::printf("  %-52s %10.1f ms\n", "GUI event-loop lateness p99", lateness.percentile(0.99));
    std::printf("  %-52s %10.1f ms\n", "GUI event-loop lateness max", lateness.percentile(1.0));
    if (!fast.ok || fastCount != recipients || fast.arrivals.recipients.size() != recipients)
        ++failures;

    lateness.start();
    auto paced = runCampaign(server, QStringLiteral("bench-throttled"), throttle, arrivalsPath, fastCount,
        throttled * 60 / throttle + 120);
    lateness.stop();
    const auto pacedCount = qsizetype(paced.arrivals.at.size());
    const double pacedSpan
        = pacedCount > 1 ? (paced.arrivals.at.back() - paced.arrivals.at.front()) / 1000 : 0;
    const double perMinute = pacedSpan > 0 ? double(pacedCount - 1) / pacedSpan * 60 : 0;
    const double deviation = (perMinute - throttle) / throttle * 100;
    // The worst minute-equivalent over 10 s windows (a burst hidden by the average would show here).
    double worstWindow = 0;
    for (size_t i = 0, j = 0; i < paced.arrivals.at.size(); ++i) {
        while (paced.arrivals.at[i] - paced.arrivals.at[j] > 10000)
            ++j;
        worstWindow = std::max(worstWindow, double(i - j + 1) * 6);
    }
    std::printf("\n2. %d-recipient SMS campaign, throttle %d/min:\n", throttled, throttle);
    std::printf("  %-52s %10s\n", "completed", paced.ok ? "yes" : "NO");
    std::printf("  %-52s %10.2f s\n", "wall time, execute to completed", paced.wallSeconds);
    std::printf("  %-52s %10.1f /min\n", "rate at the fake (first to last request)", perMinute);
    std::printf("  %-52s %+9.2f %%\n", "deviation from the throttle", deviation);
    std::printf("  %-52s %10.0f /min\n", "busiest 10 s window, as a rate per minute", worstWindow);
    std::printf("  %-52s %10lld\n", "requests at the fake", qint64(pacedCount));
    std::printf("  %-52s %10.1f ms\n", "GUI event-loop lateness p99", lateness.percentile(0.99));
    std::printf("  %-52s %10.1f ms\n", "GUI event-loop lateness max", lateness.percentile(1.0));
    if (!paced.ok || pacedCount != throttled || std::abs(deviation) > 5)
        ++failures;
    std::printf("\n%s\n",
        failures == 0 ? "campaign benchmark: all checks held" : "campaign benchmark: CHECKS FAILED");
    return failures == 0 ? 0 : 1;
}
