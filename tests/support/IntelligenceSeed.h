#pragma once

// Rows for the intelligence dashboard tests (tst_intelligence_api, tst_intelligence_panels), written
// in one writer job with exact times so every figure is known:
//   pipeline (archived Fay left out): new 1 / 1000, contacted 2 / 3000, qualified 1 / 0, won 1 / 10000
//   sends (day = UTC midnight 5 days ago): sms 14:00 Ada (answered 15:00 by Ada's SMS), sms 14:45 Ben
//   (answered only 73 h later), email 14:10 Ada (answered by the same 15:00 SMS), failed and queued
//   email of Cy (not sends), sms of Ben 40 days ago (outside 30 days), outbound call 14:00 to Dee.
//   In Asia/Kolkata (+05:30): hour 19 = 3 sends 2 replies, hour 20 = 1 send 0 replies.
//   campaigns: Autumn 4 sent 2 replied, Summer 2 sent 1 replied, Spring 4 sent 1 replied (in that
//   order), a draft without recipients and Winter started 100 days ago (both absent).
//   scores: Eve 90, Ada 80, Ben 55 (archived Fay 99 left out); handovers open: Ben's (5 h) then
//   Ada's (3 h); a closed one.
#include "TestSupport.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

namespace sb::test {

struct IntelligenceSeed
{
    qint64 ada = 0, ben = 0, cy = 0, dee = 0, eve = 0, fay = 0;
    qint64 autumn = 0, summer = 0, spring = 0;
    qint64 adaSms = 0, benSms = 0;
    qint64 benHandover = 0, adaHandover = 0;
    qint64 dayStartMs = 0; // UTC midnight five days ago
};

inline IntelligenceSeed seedIntelligence(TestServer &server, QObject *context)
{
    constexpr qint64 hourMs = 3600LL * 1000;
    constexpr qint64 dayMs = 24 * hourMs;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    IntelligenceSeed seed;
    seed.dayStartMs = QDateTime(QDateTime::currentDateTimeUtc().date().addDays(-5), QTime(0, 0), Qt::UTC)
                          .toMSecsSinceEpoch();
    bool done = false;
    SqlJob job;
    job.run = [&seed, now](SqlContext &c) -> ApiResult {
        const qint64 day = seed.dayStartMs;
        const auto lead = [&c, now](const QString &first, const QString &status, const QVariant &value,
                              const QVariant &archivedAt = QVariant(QMetaType(QMetaType::LongLong))) {
            return c.write(
                QStringLiteral("INSERT INTO leads(first_name, last_name, lead_status, expected_value, "
                               "created_at, updated_at, archived_at) VALUES (?, 'Test', ?, ?, ?, ?, ?)"),
                {first, status, value, now, now, archivedAt});
        };
        const QVariant none(QMetaType(QMetaType::Double));
        seed.ada = lead(QStringLiteral("Ada"), QStringLiteral("new"), 1000.0);
        seed.ben = lead(QStringLiteral("Ben"), QStringLiteral("contacted"), 2500.0);
        seed.cy = lead(QStringLiteral("Cy"), QStringLiteral("contacted"), 500.0);
        seed.dee = lead(QStringLiteral("Dee"), QStringLiteral("qualified"), none);
        seed.eve = lead(QStringLiteral("Eve"), QStringLiteral("won"), 10000.0);
        seed.fay = lead(QStringLiteral("Fay"), QStringLiteral("new"), 99999.0, now - hourMs);

        const auto conversation = [&c, now](qint64 leadId, const QString &channel) {
            return c.write(
                QStringLiteral("INSERT INTO conversations(lead_id, channel, last_message_at, created_at, "
                               "updated_at) VALUES (?, ?, ?, ?, ?)"),
                {leadId, channel, now, now, now});
        };
        seed.adaSms = conversation(seed.ada, QStringLiteral("sms"));
        const auto adaEmail = conversation(seed.ada, QStringLiteral("email"));
        seed.benSms = conversation(seed.ben, QStringLiteral("sms"));
        const auto cyEmail = conversation(seed.cy, QStringLiteral("email"));
        const auto deeVoice = conversation(seed.dee, QStringLiteral("voice"));

        const auto message = [&c](qint64 conversationId, qint64 leadId, const QString &direction,
                                 const QString &channel, const QString &status, qint64 at) {
            c.write(QStringLiteral(
                        "INSERT INTO messages(conversation_id, lead_id, direction, channel, provider, "
                        "body, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'test', 'hi', ?, ?, ?)"),
                {conversationId, leadId, direction, channel, status, at, at});
        };
        const QString in = QStringLiteral("inbound");
        const QString out = QStringLiteral("outbound");
        const QString sms = QStringLiteral("sms");
        const QString email = QStringLiteral("email");
        message(seed.adaSms, seed.ada, out, sms, QStringLiteral("sent"), day + 14 * hourMs);
        message(seed.adaSms, seed.ada, in, sms, QStringLiteral("received"), day + 15 * hourMs);
        message(seed.benSms, seed.ben, out, sms, QStringLiteral("delivered"), day + 14 * hourMs + 45 * 60000);
        message(seed.benSms, seed.ben, in, sms, QStringLiteral("received"),
            day + (14 + 73) * hourMs + 45 * 60000);
        message(adaEmail, seed.ada, out, email, QStringLiteral("sent"), day + 14 * hourMs + 10 * 60000);
        message(cyEmail, seed.cy, out, email, QStringLiteral("failed"), day + 9 * hourMs);
        message(cyEmail, seed.cy, out, email, QStringLiteral("queued"), day + 9 * hourMs);
        message(seed.benSms, seed.ben, out, sms, QStringLiteral("sent"), now - 40 * dayMs);
        c.write(QStringLiteral(
                    "INSERT INTO calls(conversation_id, lead_id, provider, call_ref, direction, status, "
                    "created_at, updated_at) VALUES (?, ?, 'twilio', 'CA1', 'outbound-api', 'completed', "
                    "?, ?)"),
            {deeVoice, seed.dee, day + 14 * hourMs, day + 14 * hourMs});

        const auto campaign = [&c, now](
                                  const QString &name, const QString &state, const QVariant &startedAt) {
            return c.write(
                QStringLiteral("INSERT INTO campaigns(name, channel, body, state, created_at, updated_at, "
                               "started_at) VALUES (?, 'sms', 'Hello {first_name}', ?, ?, ?, ?)"),
                {name, state, startedAt.isNull() ? now : startedAt.toLongLong(), now, startedAt});
        };
        // recipients: {sent, delivered, replied} flags per lead
        const auto recipients = [&c, now](qint64 campaignId, const QList<std::array<bool, 3>> &rows) {
            qint64 leadId = 1000;
            for (const auto &[sent, delivered, replied] : rows) {
                const QVariant nothing(QMetaType(QMetaType::LongLong));
                c.write(QStringLiteral(
                            "INSERT INTO campaign_recipients(campaign_id, lead_id, state, queued_at, "
                            "sent_at, delivered_at, replied_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    {campaignId, ++leadId,
                        replied ? QStringLiteral("replied")
                                : (delivered ? QStringLiteral("delivered") : QStringLiteral("sent")),
                        now, sent ? QVariant(now) : nothing, delivered ? QVariant(now) : nothing,
                        replied ? QVariant(now) : nothing, now});
            }
        };
        const QVariant notStarted(QMetaType(QMetaType::LongLong));
        seed.spring = campaign(QStringLiteral("Spring"), QStringLiteral("completed"), now - 2 * dayMs);
        recipients(seed.spring,
            {{true, true, true}, {true, true, false}, {true, true, false}, {true, false, false}});
        seed.summer = campaign(QStringLiteral("Summer"), QStringLiteral("completed"), now - 3 * dayMs);
        recipients(seed.summer, {{true, true, true}, {true, true, false}});
        seed.autumn = campaign(QStringLiteral("Autumn"), QStringLiteral("paused"), now - dayMs);
        recipients(seed.autumn,
            {{true, true, true}, {true, true, true}, {true, false, false}, {true, false, false}});
        campaign(QStringLiteral("Draft"), QStringLiteral("draft"), notStarted);
        const auto winter
            = campaign(QStringLiteral("Winter"), QStringLiteral("completed"), now - 100 * dayMs);
        recipients(winter, {{true, true, true}});

        const auto score = [&c, now](qint64 leadId, int points, const QString &reasons) {
            c.write(QStringLiteral(
                        "INSERT INTO lead_scores(lead_id, score, reasons, computed_at) VALUES (?, ?, ?, ?)"),
                {leadId, points, reasons, now});
        };
        score(seed.eve, 90, QString::fromUtf8(R"([{"rule":"status","points":40,"reason":"status won"}])"));
        score(seed.ada, 80,
            QString::fromUtf8(
                R"j([{"rule":"replied","points":20,"reason":"replied (an inbound SMS or email)"},)j"
                R"({"rule":"fast","points":30,"reason":"replied within 1 h"}])"));
        score(seed.ben, 55, QString::fromUtf8(R"([{"rule":"replied","points":20,"reason":"replied"}])"));
        score(seed.fay, 99, QString::fromUtf8(R"([{"rule":"status","points":40,"reason":"archived"}])"));

        const auto handover = [&c](qint64 conversationId, qint64 leadId, const QString &state,
                                  const QString &reason, qint64 at) {
            return c.write(
                QStringLiteral("INSERT INTO handovers(conversation_id, lead_id, rule, reason, state, "
                               "created_at, updated_at) VALUES (?, ?, 'pricing_question', ?, ?, ?, ?)"),
                {conversationId, leadId, reason, state, at, at});
        };
        seed.adaHandover = handover(seed.adaSms, seed.ada, QStringLiteral("open"),
            QStringLiteral("asked about price"), now - 3 * hourMs);
        seed.benHandover = handover(seed.benSms, seed.ben, QStringLiteral("open"),
            QStringLiteral("wants to talk to a person"), now - 5 * hourMs);
        handover(cyEmail, seed.cy, QStringLiteral("closed"), QStringLiteral("done"), now - 9 * hourMs);
        return ApiResponse {};
    };
    job.replyContext = context;
    job.done = [&done](const ApiResult &result) {
        done = true;
        if (auto *error = std::get_if<ApiError>(&result))
            qWarning("seeding failed: %s", qPrintable(error->message));
    };
    server.runtime().writer().submit(std::move(job));
    if (!QTest::qWaitFor([&done] { return done; }, 20000))
        qWarning("seeding timed out");
    return seed;
}

} // namespace sb::test
