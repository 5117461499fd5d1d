// The outbox dispatcher against the fake Twilio on loopback: accepted sends store the SM sid and the
// provider's status, refusals (21211) fail the message without a retry, 429 + Retry-After is retried
// once, an attempt interrupted by a crash becomes `unknown` and is not resent, pacing holds the rate.
#include "channels/OutboxDispatcher.h"
#include "domain/Clock.h"
#include "domain/EventBus.h"
#include "fakes/SmsFakes.h"
#include "storage/Database.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using sb::test::FakeTwilio;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-auth-token-0042");
const QString senderNumber = QStringLiteral("+14155550100");

} // namespace

class OutboxTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_options = DatabaseOptions {m_dir.filePath(QStringLiteral("o%1.db").arg(++m_count)), false, 5000};
        {
            auto db = Database::open(QStringLiteral("outbox-migrate"), m_options);
            Database::migrate(db, m_clock.nowMs());
        }
        Database::close(QStringLiteral("outbox-migrate"));
        m_writer = std::make_unique<SqlWorker>(
            QStringLiteral("outbox-writer"), m_options, SqlWorker::Mode::Writer, m_clock, &m_bus);
        QString error;
        QVERIFY2(m_writer->start(&error), qPrintable(error));
        m_fake = std::make_unique<FakeTwilio>(accountSid, authToken);
    }
    void cleanup()
    {
        if (m_outbox)
            m_outbox->stop();
        m_outbox.reset();
        m_writer->stop();
        m_writer.reset();
        m_fake.reset();
    }

    void acceptedSendStoresSidAndStatus()
    {
        const auto ids = enqueue(QStringLiteral("+14155550101"), QStringLiteral("hello there"));
        startOutbox(false);
        QTRY_COMPARE_WITH_TIMEOUT(entry(ids.second).status, OutboxStatus::Sent, 10000);
        QCOMPARE(m_fake->accepted().size(), 1);
        QVERIFY2(m_fake->violations().isEmpty(), qPrintable(m_fake->violations().join(u'\n')));
        const auto &sent = m_fake->accepted().first();
        QCOMPARE(sent.to, QStringLiteral("+14155550101"));
        QCOMPARE(sent.from, senderNumber);
        QCOMPARE(sent.body, QStringLiteral("hello there"));
        QCOMPARE(sent.statusCallback, QStringLiteral("https://example.test/api/webhooks/twilio/sms/status"));
        const auto stored = entry(ids.second);
        QCOMPARE(stored.providerId, sent.sid);
        QCOMPARE(stored.attempts, 1);
        const auto message = this->message(ids.first);
        QCOMPARE(message.providerMessageId, sent.sid);
        QCOMPARE(message.status, MessageStatus::Queued); // Twilio answers "queued"
        const auto attempts = run<QList<OutboxAttempt>>(
            [id = ids.second](SqlContext &c) { return OutboxRepository::attempts(c, id); });
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().responseStatus, 201);
        // The auth token never reaches the attempt log.
        for (const auto &[name, value] : attempts.first().requestHeaders)
            QVERIFY(!value.contains(QByteArray("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY6dHdpbGlv")));
        QVERIFY(!attempts.first().requestBody.contains(authToken.toUtf8()));
    }

    void refusalFailsWithoutRetry()
    {
        const auto ids = enqueue(QStringLiteral("555-0100"), QStringLiteral("bad number"));
        startOutbox(false);
        QTRY_COMPARE_WITH_TIMEOUT(entry(ids.second).status, OutboxStatus::Failed, 10000);
        const auto message = this->message(ids.first);
        QCOMPARE(message.status, MessageStatus::Failed);
        QCOMPARE(message.errorCode, QStringLiteral("21211"));
        QVERIFY2(message.errorMessage.contains(QStringLiteral("is not a valid phone number")),
            qPrintable(message.errorMessage));
        QTest::qWait(500);
        QCOMPARE(m_fake->requestCount(), 1);
        QCOMPARE(entry(ids.second).attempts, 1);
        QVERIFY(!m_fake->violations().isEmpty()); // the fake saw the bad To, as Twilio would
    }

    void tooManyRequestsIsRetriedAfterRetryAfter()
    {
        m_fake->answerNextTooManyRequests(1);
        const auto ids = enqueue(QStringLiteral("+14155550102"), QStringLiteral("retry me"));
        QElapsedTimer elapsed;
        elapsed.start();
        startOutbox(false);
        QTRY_COMPARE_WITH_TIMEOUT(entry(ids.second).status, OutboxStatus::Sent, 15000);
        QVERIFY2(elapsed.elapsed() >= 900, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(m_fake->requestCount(), 2);
        QCOMPARE(m_fake->accepted().size(), 1);
        QCOMPARE(entry(ids.second).attempts, 2);
        QCOMPARE(message(ids.first).status, MessageStatus::Queued);
        QCOMPARE(message(ids.first).providerMessageId, m_fake->accepted().first().sid);
    }

    void interruptedAttemptBecomesUnknown()
    {
        const auto ids = enqueue(QStringLiteral("+14155550103"), QStringLiteral("cut short"));
        // As a crash leaves it: claimed (sending), no answer recorded.
        QVERIFY(run<bool>([id = ids.second](SqlContext &c) { return OutboxRepository::markSending(c, id); }));
        startOutbox(false);
        QTRY_COMPARE_WITH_TIMEOUT(entry(ids.second).status, OutboxStatus::Unknown, 10000);
        QCOMPARE(message(ids.first).status, MessageStatus::Unknown);
        QVERIFY(message(ids.first).errorMessage.contains(QStringLiteral("check the provider")));
        QTest::qWait(500);
        QCOMPARE(m_fake->requestCount(), 0);
    }

    void pacingHoldsOnePerSecond()
    {
        QList<qint64> entries;
        for (int i = 0; i < 4; ++i)
            entries.append(enqueue(QStringLiteral("+1415555020%1").arg(i), QStringLiteral("paced")).second);
        QElapsedTimer elapsed;
        elapsed.start();
        startOutbox(true);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->accepted().size(), 4, 15000);
        const auto took = elapsed.elapsed();
        // Four sends at 1/s: the last one at ~3 s (generous bounds).
        QVERIFY2(took >= 2700 && took < 6500, qPrintable(QString::number(took)));
        QTRY_COMPARE_WITH_TIMEOUT(entry(entries.last()).status, OutboxStatus::Sent, 5000);
    }

private:
    template <typename T> T run(std::function<T(SqlContext &)> job)
    {
        T result {};
        bool done = false;
        SqlJob sqlJob;
        sqlJob.run = [&result, job](SqlContext &context) -> ApiResult {
            result = job(context);
            return ApiResponse {};
        };
        sqlJob.replyContext = this;
        sqlJob.done = [&done](const ApiResult &) { done = true; };
        m_writer->submit(std::move(sqlJob));
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 5000); }();
        return result;
    }

    // (message id, outbox id)
    std::pair<qint64, qint64> enqueue(const QString &to, const QString &body)
    {
        return run<std::pair<qint64, qint64>>([to, body](SqlContext &context) {
            const auto lead = LeadDirectory::forPhone(
                context, QStringLiteral("+14155550199"), QStringLiteral("test"), {});
            NewMessage message;
            message.leadId = lead.id;
            message.direction = Direction::Outbound;
            message.provider = QStringLiteral("twilio");
            message.to = to;
            message.from = senderNumber;
            message.body = body;
            message.status = MessageStatus::Queued;
            const auto created = MessagingRepository::addMessage(context, message);
            OutboxEntry entry;
            entry.messageId = created.value(QStringLiteral("id")).toInteger();
            entry.provider = QStringLiteral("twilio");
            entry.channel = Channel::Sms;
            entry.request = QJsonObject {{QStringLiteral("to"), to}, {QStringLiteral("body"), body},
                {QStringLiteral("statusCallback"),
                    QStringLiteral("https://example.test/api/webhooks/twilio/sms/status")}};
            entry.idempotencyKey = QStringLiteral("test-") + QString::number(entry.messageId);
            OutboxRepository::enqueue(context, entry);
            return std::make_pair(entry.messageId, entry.id);
        });
    }

    OutboxEntry entry(qint64 id)
    {
        return run<OutboxEntry>(
            [id](SqlContext &c) { return OutboxRepository::find(c, id).value_or(OutboxEntry {}); });
    }
    Message message(qint64 id)
    {
        return run<Message>(
            [id](SqlContext &c) { return MessagingRepository::message(c, id).value_or(Message {}); });
    }

    void startOutbox(bool pacing)
    {
        OutboxOptions options;
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
        options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), senderNumber);
        options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), m_fake->baseUrl());
        if (!pacing)
            options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.random = [] { return 0.5; };
        m_outbox = std::make_unique<OutboxDispatcher>(*m_writer, m_options, m_clock, &m_bus, options);
        QString error;
        QVERIFY2(m_outbox->start(&error), qPrintable(error));
        m_outbox->wake();
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    SystemClock m_clock;
    EventBus m_bus;
    DatabaseOptions m_options;
    std::unique_ptr<SqlWorker> m_writer;
    std::unique_ptr<FakeTwilio> m_fake;
    std::unique_ptr<OutboxDispatcher> m_outbox;
};

QTEST_GUILESS_MAIN(OutboxTest)
#include "tst_outbox.moc"
