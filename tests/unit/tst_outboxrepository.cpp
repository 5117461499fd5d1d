// The durable outbox's storage: enqueue with a unique idempotency key, the claim (pending → sending),
// due entries, interrupted entries, and attempts stored with their credentials masked.
#include "domain/Clock.h"
#include "domain/Outbox.h"
#include "storage/Database.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sb;

class OutboxRepositoryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_name = QStringLiteral("outbox%1").arg(++m_count);
        auto db = Database::open(
            m_name, DatabaseOptions {m_dir.filePath(m_name + QStringLiteral(".db")), false, 1000});
        Database::migrate(db, 1);
        m_context = std::make_unique<SqlContext>(db, m_clock);
    }
    void cleanup()
    {
        m_context.reset();
        Database::close(m_name);
    }

    void statusNames()
    {
        for (auto status : {OutboxStatus::Pending, OutboxStatus::Sending, OutboxStatus::Sent,
                 OutboxStatus::Failed, OutboxStatus::Unknown})
            QCOMPARE(outboxStatusFromName(outboxStatusName(status)), status);
        QCOMPARE(outboxStatusName(OutboxStatus::Unknown), QStringLiteral("unknown"));
        QVERIFY(!outboxStatusFromName(u"queued"));
    }

    void enqueueClaimAndRecover()
    {
        auto entry = enqueue(QStringLiteral("key-1"));
        QVERIFY(entry.id > 0);
        const auto stored = OutboxRepository::byIdempotencyKey(*m_context, QStringLiteral("key-1"));
        QVERIFY(stored);
        QCOMPARE(stored->id, entry.id);
        QCOMPARE(stored->status, OutboxStatus::Pending);
        QCOMPARE(stored->provider, QStringLiteral("twilio"));
        QCOMPARE(stored->channel, Channel::Sms);
        QCOMPARE(stored->serviceId, qint64(0));
        QCOMPARE(stored->request.value(QStringLiteral("to")).toString(), QStringLiteral("+14155550101"));
        QCOMPARE(OutboxRepository::byMessage(*m_context, entry.messageId)->id, entry.id);

        // The key is unique.
        auto again = entry;
        QVERIFY_THROWS_EXCEPTION(SqlError, OutboxRepository::enqueue(*m_context, again));

        QCOMPARE(OutboxRepository::dueIds(*m_context, m_clock.nowMs(), 10), QList<qint64> {entry.id});
        QCOMPARE(OutboxRepository::nextDue(*m_context), m_clock.nowMs());
        QVERIFY(OutboxRepository::markSending(*m_context, entry.id));
        QVERIFY(!OutboxRepository::markSending(*m_context, entry.id)); // claimed once only
        QVERIFY(OutboxRepository::dueIds(*m_context, m_clock.nowMs(), 10).isEmpty());
        QCOMPARE(OutboxRepository::nextDue(*m_context), qint64(0));

        const auto interrupted = OutboxRepository::interrupted(*m_context);
        QCOMPARE(interrupted.size(), 1);
        QCOMPARE(interrupted.first().id, entry.id);
        OutboxRepository::setStatus(
            *m_context, entry.id, OutboxStatus::Unknown, 0, QStringLiteral("interrupted: check provider"));
        QVERIFY(OutboxRepository::interrupted(*m_context).isEmpty());
        QCOMPARE(OutboxRepository::find(*m_context, entry.id)->status, OutboxStatus::Unknown);
        QCOMPARE(OutboxRepository::find(*m_context, entry.id)->lastError,
            QStringLiteral("interrupted: check provider"));
    }

    void attemptsAreStoredMasked()
    {
        auto entry = enqueue(QStringLiteral("key-2"));
        QVERIFY(OutboxRepository::markSending(*m_context, entry.id));
        const QString secret = QStringLiteral("s3cr3t/token+value");
        OutboxAttempt attempt;
        attempt.outboxId = entry.id;
        attempt.attempt = 1;
        attempt.startedAt = m_clock.nowMs();
        attempt.url = QStringLiteral("https://hooks.example.com/services/") + secret;
        attempt.requestHeaders = {{"Authorization", "Basic QUMxMjM6c2VjcmV0LXRva2VuLTEyMzQ="},
            {"Content-Type", "application/x-www-form-urlencoded"}};
        attempt.requestBody = QByteArrayLiteral("api_key=abc&api_secret=") + QUrl::toPercentEncoding(secret)
            + QByteArrayLiteral("&text=hi");
        attempt.responseStatus = 429;
        attempt.responseHeaders = {{"Retry-After", "3"}};
        attempt.responseBody = R"({"code":20429})";
        attempt.latencyMs = 12;
        attempt.error = QStringLiteral("HTTP 429");
        OutboxRepository::recordAttempt(
            *m_context, attempt, {secret}, OutboxStatus::Pending, m_clock.nowMs() + 3000, {});

        const auto attempts = OutboxRepository::attempts(*m_context, entry.id);
        QCOMPARE(attempts.size(), 1);
        const auto &stored = attempts.first();
        QVERIFY(!stored.url.contains(secret));
        QVERIFY(stored.url.endsWith(QStringLiteral("••••alue")));
        QCOMPARE(stored.requestHeaders.size(), 2);
        QCOMPARE(stored.requestHeaders.first().first, QByteArray("Authorization"));
        QVERIFY(!stored.requestHeaders.first().second.contains("QUMxMjM6c2VjcmV0LXRva2VuLTEyMzQ="));
        QVERIFY(stored.requestHeaders.first().second.startsWith("Basic "));
        QVERIFY(!stored.requestBody.contains(QUrl::toPercentEncoding(secret)));
        QVERIFY(stored.requestBody.startsWith("api_key=abc&api_secret="));
        QVERIFY(stored.requestBody.endsWith("&text=hi"));
        QCOMPARE(stored.responseStatus, 429);
        QCOMPARE(stored.responseBody, QByteArray(R"({"code":20429})"));

        const auto row = OutboxRepository::find(*m_context, entry.id);
        QCOMPARE(row->status, OutboxStatus::Pending);
        QCOMPARE(row->attempts, 1);
        QCOMPARE(row->lastStatus, 429);
        QCOMPARE(row->nextAttemptAt, m_clock.nowMs() + 3000);
        QVERIFY(OutboxRepository::dueIds(*m_context, m_clock.nowMs(), 10).isEmpty());
        QCOMPARE(OutboxRepository::dueIds(*m_context, m_clock.nowMs() + 3000, 10), QList<qint64> {entry.id});

        QVERIFY(OutboxRepository::markSending(*m_context, entry.id));
        attempt.attempt = 2;
        attempt.responseStatus = 201;
        attempt.error.clear();
        OutboxRepository::recordAttempt(
            *m_context, attempt, {secret}, OutboxStatus::Sent, 0, QStringLiteral("SM1"));
        QCOMPARE(OutboxRepository::find(*m_context, entry.id)->status, OutboxStatus::Sent);
        QCOMPARE(OutboxRepository::find(*m_context, entry.id)->providerId, QStringLiteral("SM1"));
        QCOMPARE(OutboxRepository::find(*m_context, entry.id)->attempts, 2);
        QCOMPARE(OutboxRepository::attempts(*m_context, entry.id).size(), 2);
    }

private:
    OutboxEntry enqueue(const QString &key)
    {
        const auto lead
            = LeadDirectory::forPhone(*m_context, QStringLiteral("+14155550101"), QStringLiteral("test"), {});
        NewMessage message;
        message.leadId = lead.id;
        message.direction = Direction::Outbound;
        message.provider = QStringLiteral("twilio");
        message.providerMessageId = key;
        message.to = QStringLiteral("+14155550101");
        message.body = QStringLiteral("hello");
        message.status = MessageStatus::Queued;
        const auto created = MessagingRepository::addMessage(*m_context, message);
        OutboxEntry entry;
        entry.messageId = created.value(QStringLiteral("id")).toInteger();
        entry.provider = QStringLiteral("twilio");
        entry.channel = Channel::Sms;
        entry.request = QJsonObject {{QStringLiteral("to"), QStringLiteral("+14155550101")},
            {QStringLiteral("body"), QStringLiteral("hello")}};
        entry.idempotencyKey = key;
        OutboxRepository::enqueue(*m_context, entry);
        return entry;
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    QString m_name;
    ManualClock m_clock;
    std::unique_ptr<SqlContext> m_context;
};

QTEST_GUILESS_MAIN(OutboxRepositoryTest)
#include "tst_outboxrepository.moc"
