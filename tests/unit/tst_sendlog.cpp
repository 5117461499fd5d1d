// The send log's storage: outbox rows and attempts read by column name (OutboxMapper), the filters
// of the Deliveries view's send channels and of the event history (OutboxFilter, LogChannel), the
// sends in the event history, and Retry of a failed send.
#include "domain/Clock.h"
#include "domain/Outbox.h"
#include "storage/Database.h"
#include "storage/EventHistory.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxFilter.h"
#include "storage/OutboxMapper.h"
#include "storage/OutboxRepository.h"
#include "storage/SendLog.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

class SendLogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_name = QStringLiteral("sendlog%1").arg(++m_count);
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

    void logChannelNames()
    {
        QCOMPARE(LogChannel {}.name(), QStringLiteral("webhook"));
        QCOMPARE(LogChannel {Channel::Sms}.name(), QStringLiteral("sms"));
        QCOMPARE(LogChannel::fromName(u"webhook"), LogChannel {});
        QCOMPARE(LogChannel::fromName(u"email"), LogChannel {Channel::Email});
        QCOMPARE(LogChannel::fromName(u"voice"), LogChannel {Channel::Voice});
        QVERIFY(!LogChannel::fromName(u"fax"));
        QVERIFY(!LogChannel::fromName(u""));
        QCOMPARE(OutboxMapper::recordId(42), QStringLiteral("snd_42"));
        QCOMPARE(OutboxMapper::outboxIdOf(QStringLiteral("snd_42")), qint64(42));
        QCOMPARE(OutboxMapper::outboxIdOf(QStringLiteral("snd_x")), qint64(0));
        QCOMPARE(OutboxMapper::outboxIdOf(QStringLiteral("msg_42")), qint64(0));
    }

    void mapperReadsColumnsByName()
    {
        const auto sms = enqueue(
            QStringLiteral("k-1"), Channel::Sms, QStringLiteral("twilio"), QStringLiteral("+14155550101"));
        // Selected in another order, and only some columns.
        auto &query = m_context->run(
            QStringLiteral(
                "SELECT updated_at, status, request, channel, provider, id FROM outbox WHERE id = ?"),
            {sms.id});
        QVERIFY(query.next());
        const auto entry = OutboxMapper::fromRecord(query.record());
        query.finish();
        QCOMPARE(entry.id, sms.id);
        QCOMPARE(entry.provider, QStringLiteral("twilio"));
        QCOMPARE(entry.channel, Channel::Sms);
        QCOMPARE(entry.status, OutboxStatus::Pending);
        QCOMPARE(entry.updatedAt, m_clock.nowMs());
        QCOMPARE(OutboxMapper::recipient(entry), QStringLiteral("+14155550101"));
        QCOMPARE(entry.messageId, qint64(0)); // not selected
        QCOMPARE(entry.idempotencyKey, QString());

        const auto full = SendLog::entry(*m_context, sms.id);
        QVERIFY(full);
        QCOMPARE(full->messageId, sms.messageId);
        QCOMPARE(full->idempotencyKey, QStringLiteral("k-1"));
        QCOMPARE(full->request.value(QStringLiteral("body")).toString(), QStringLiteral("hello"));

        // A status the program does not know is an error naming the row, not a silent default.
        m_context->run(QStringLiteral("UPDATE outbox SET status = 'exploded' WHERE id = ?"), {sms.id});
        QVERIFY_THROWS_EXCEPTION(SqlError, SendLog::entry(*m_context, sms.id));
    }

    void attemptsReadByName()
    {
        const auto entry = enqueue(
            QStringLiteral("k-2"), Channel::Sms, QStringLiteral("twilio"), QStringLiteral("+14155550102"));
        QVERIFY(OutboxRepository::markSending(*m_context, entry.id));
        OutboxAttempt attempt;
        attempt.outboxId = entry.id;
        attempt.attempt = 1;
        attempt.startedAt = m_clock.nowMs();
        attempt.url = QStringLiteral("http://127.0.0.1:9/2010-04-01/Accounts/AC1/Messages.json");
        attempt.requestHeaders = {{"Authorization", "Basic QUMxOnNlY3JldHRva2Vu"}};
        attempt.requestBody = "To=%2B14155550102&Body=hello";
        attempt.responseStatus = 400;
        attempt.responseHeaders = {{"Content-Type", "application/json"}};
        attempt.responseBody = R"({"code":21211,"message":"Invalid 'To' Phone Number"})";
        attempt.latencyMs = 7;
        attempt.error = QStringLiteral("21211: Invalid 'To' Phone Number");
        OutboxRepository::recordAttempt(*m_context, attempt, {}, OutboxStatus::Failed, 0, {});

        const auto attempts = SendLog::attempts(*m_context, entry.id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().attempt, 1);
        QCOMPARE(attempts.first().url, attempt.url);
        QCOMPARE(attempts.first().responseStatus, 400);
        QCOMPARE(attempts.first().responseBody, attempt.responseBody);
        QCOMPARE(attempts.first().latencyMs, qint64(7));
        QCOMPARE(attempts.first().error, attempt.error);
        QCOMPARE(attempts.first().requestHeaders.size(), 1);
        // Stored masked: the credential is not read back.
        QVERIFY(!attempts.first().requestHeaders.first().second.contains("QUMxOnNlY3JldHRva2Vu"));
        QCOMPARE(attempts.first().responseHeaders.first().second, QByteArray("application/json"));
    }

    void filterClauses()
    {
        const auto sms = enqueue(
            QStringLiteral("f-1"), Channel::Sms, QStringLiteral("twilio"), QStringLiteral("+14155550111"));
        m_clock.advanceMs(1000);
        const auto email = enqueue(QStringLiteral("f-2"), Channel::Email, QStringLiteral("mailgun"),
            QStringLiteral("ana@example.com"));
        m_clock.advanceMs(1000);
        const auto chat = enqueue(
            QStringLiteral("f-3"), Channel::Chat, QStringLiteral("slack"), QStringLiteral("#sales"));
        OutboxRepository::setStatus(
            *m_context, email.id, OutboxStatus::Failed, 0, QStringLiteral("HTTP 401"));

        QVERIFY(OutboxFilter {}.isEmpty());
        QCOMPARE(ids({}), (QList<qint64> {sms.id, email.id, chat.id}));
        QCOMPARE(ids({.channel = Channel::Sms}), QList<qint64> {sms.id});
        QCOMPARE(ids({.channel = Channel::Email}), QList<qint64> {email.id});
        QCOMPARE(ids({.channel = Channel::Push}), QList<qint64> {});
        QCOMPARE(ids({.status = OutboxStatus::Failed}), QList<qint64> {email.id});
        QCOMPARE(ids({.provider = QStringLiteral("slack")}), QList<qint64> {chat.id});
        QCOMPARE(ids({.fromMs = m_clock.nowMs() - 1000}), (QList<qint64> {email.id, chat.id}));
        QCOMPARE(ids({.toMs = m_clock.nowMs() - 1000}), QList<qint64> {sms.id});
        QCOMPARE(ids({.search = QStringLiteral("ana@example")}), QList<qint64> {email.id});
        QCOMPARE(ids({.search = QStringLiteral("401")}), QList<qint64> {email.id});
        QCOMPARE(ids({.search = OutboxMapper::recordId(chat.id)}), QList<qint64> {chat.id});
        QCOMPARE(ids({.search = QStringLiteral("50%_")}), QList<qint64> {}); // wildcards are literal
        QVERIFY(!OutboxFilter {.channel = Channel::Sms}.isEmpty());
    }

    void historyListsSends()
    {
        const auto sms = enqueue(
            QStringLiteral("h-1"), Channel::Sms, QStringLiteral("twilio"), QStringLiteral("+14155550121"));
        m_clock.advanceMs(10);
        const auto email = enqueue(QStringLiteral("h-2"), Channel::Email, QStringLiteral("sendgrid"),
            QStringLiteral("bo@example.com"));

        HistoryFilter all;
        QCOMPARE(EventHistory::count(*m_context, all), qint64(2));
        const auto page = EventHistory::page(*m_context, all, 10, 0);
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.first().id, OutboxMapper::recordId(email.id)); // newest first
        QCOMPARE(page.first().direction, HistoryEntry::Direction::Outbound);
        QCOMPARE(page.first().channel, QStringLiteral("email"));
        QCOMPARE(page.first().source, QStringLiteral("sendgrid"));
        QCOMPARE(page.first().eventType, EventHistory::sendEventType());
        QCOMPARE(page.first().status, QStringLiteral("pending"));
        QCOMPARE(page.first().messageId, email.messageId);

        HistoryFilter smsOnly;
        smsOnly.inbound = false;
        smsOnly.outbound = false;
        smsOnly.outboxFilter.channel = Channel::Sms;
        QCOMPARE(EventHistory::count(*m_context, smsOnly), qint64(1));
        QCOMPARE(EventHistory::page(*m_context, smsOnly, 10, 0).first().id, OutboxMapper::recordId(sms.id));

        HistoryFilter webhooksOnly;
        webhooksOnly.inbound = false;
        webhooksOnly.sends = false;
        QCOMPARE(EventHistory::count(*m_context, webhooksOnly), qint64(0));

        const auto found = EventHistory::find(*m_context, OutboxMapper::recordId(sms.id));
        QVERIFY(found);
        QCOMPARE(found->channel, QStringLiteral("sms"));
        QCOMPARE(QJsonDocument::fromJson(found->payload).object().value(QStringLiteral("to")).toString(),
            QStringLiteral("+14155550121"));
        QVERIFY(!EventHistory::find(*m_context, QStringLiteral("snd_999")));
    }

    void retryRequeuesAFailedSendOnce()
    {
        const auto sms = enqueue(
            QStringLiteral("r-1"), Channel::Sms, QStringLiteral("twilio"), QStringLiteral("+14155550131"));
        // Not failed yet: pending.
        QVERIFY(std::holds_alternative<QString>(SendLog::retry(*m_context, sms.id)));
        QVERIFY(OutboxRepository::markSending(*m_context, sms.id));
        QVERIFY(std::holds_alternative<QString>(SendLog::retry(*m_context, sms.id))); // sending
        OutboxRepository::setStatus(*m_context, sms.id, OutboxStatus::Failed, 0, QStringLiteral("HTTP 500"));
        OutboxRepository::updateMessage(*m_context, sms, {}, MessageStatus::Failed, QStringLiteral("30001"),
            QStringLiteral("Queue overflow"), {});
        QCOMPARE(MessagingRepository::message(*m_context, sms.messageId)->status, MessageStatus::Failed);

        const auto retried = SendLog::retry(*m_context, sms.id);
        QVERIFY(std::holds_alternative<OutboxEntry>(retried));
        const auto &again = std::get<OutboxEntry>(retried);
        QVERIFY(again.id > sms.id);
        QCOMPARE(again.messageId, sms.messageId);
        QCOMPARE(again.status, OutboxStatus::Pending);
        QCOMPARE(again.request, sms.request);
        QVERIFY(again.idempotencyKey != sms.idempotencyKey);
        QCOMPARE(OutboxRepository::dueIds(*m_context, m_clock.nowMs(), 10), QList<qint64> {again.id});
        QCOMPARE(MessagingRepository::message(*m_context, sms.messageId)->status, MessageStatus::Queued);

        // Never a second copy while one is queued.
        const auto twice = SendLog::retry(*m_context, sms.id);
        QVERIFY(std::holds_alternative<QString>(twice));
        QVERIFY(std::get<QString>(twice).contains(QStringLiteral("already queued")));
        QCOMPARE(OutboxRepository::dueIds(*m_context, m_clock.nowMs(), 10).size(), 1);

        // Nor after an interrupted attempt: it may have reached the provider.
        QVERIFY(OutboxRepository::markSending(*m_context, again.id));
        OutboxRepository::setStatus(
            *m_context, again.id, OutboxStatus::Unknown, 0, QStringLiteral("interrupted"));
        const auto unknown = SendLog::retry(*m_context, sms.id);
        QVERIFY(std::holds_alternative<QString>(unknown));
        QVERIFY(std::get<QString>(unknown).contains(QStringLiteral("check the provider")));
        QVERIFY(std::holds_alternative<QString>(SendLog::retry(*m_context, 9999)));
    }

private:
    QList<qint64> ids(const OutboxFilter &filter)
    {
        QVariantList values;
        const auto where = filter.clauses(&values);
        auto &query = m_context->run(QStringLiteral("SELECT ") + OutboxMapper::columns()
                + QStringLiteral(" FROM outbox WHERE 1 = 1") + where + QStringLiteral(" ORDER BY id"),
            values);
        QList<qint64> found;
        while (query.next())
            found.append(OutboxMapper::fromRecord(query.record()).id);
        query.finish();
        return found;
    }

    OutboxEntry enqueue(const QString &key, Channel channel, const QString &provider, const QString &to)
    {
        const auto lead
            = LeadDirectory::forPhone(*m_context, QStringLiteral("+14155550101"), QStringLiteral("test"), {});
        NewMessage message;
        message.leadId = lead.id;
        message.channel = channel;
        message.direction = Direction::Outbound;
        message.provider = provider;
        message.providerMessageId = key;
        message.to = to;
        message.body = QStringLiteral("hello");
        message.status = MessageStatus::Queued;
        const auto created = MessagingRepository::addMessage(*m_context, message);
        OutboxEntry entry;
        entry.messageId = created.value(QStringLiteral("id")).toInteger();
        entry.provider = provider;
        entry.channel = channel;
        entry.request
            = QJsonObject {{QStringLiteral("to"), to}, {QStringLiteral("body"), QStringLiteral("hello")}};
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

QTEST_GUILESS_MAIN(SendLogTest)
#include "tst_sendlog.moc"
