// Campaign analytics in the campaign's time zone: a send at 23:30 UTC is in the next day's hour for
// Europe/Berlin (00:30 local), in the timeline and in the by-hour counts; UTC when the campaign has no
// zone; counts and rates per state.
#include "domain/Campaign.h"
#include "domain/Clock.h"
#include "domain/Messaging.h"
#include "storage/CampaignRepository.h"
#include "storage/Database.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace sb;

namespace {

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class CampaignAnalyticsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_name = QStringLiteral("analytics%1").arg(++m_count);
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

    void unknownCampaignIsEmpty() { QVERIFY(CampaignRepository::analytics(*m_context, 404).isEmpty()); }

    void sendAtHalfPastElevenUtcIsNextDayInBerlin()
    {
        QVERIFY(QTimeZone("Europe/Berlin").isValid());
        const auto id = addCampaign(QStringLiteral("Europe/Berlin"));
        // 23:30 UTC on 1 March = 00:30 on 2 March in Berlin (UTC+1), replied at 00:10 UTC (01:10 local).
        addRecipient(id, 1, RecipientState::Replied, utc(QStringLiteral("2026-03-01T23:30:00Z")),
            utc(QStringLiteral("2026-03-01T23:31:00Z")), utc(QStringLiteral("2026-03-02T00:10:00Z")));
        // 10:15 UTC = 11:15 Berlin, delivered only.
        addRecipient(id, 2, RecipientState::Delivered, utc(QStringLiteral("2026-03-01T10:15:00Z")),
            utc(QStringLiteral("2026-03-01T10:16:00Z")), 0);
        addRecipient(id, 3, RecipientState::Failed, 0, 0, 0);

        const auto stats = CampaignRepository::analytics(*m_context, id);
        QCOMPARE(stats.value(QStringLiteral("timeZone")).toString(), QStringLiteral("Europe/Berlin"));
        const auto byHour = stats.value(QStringLiteral("byHour")).toArray();
        QCOMPARE(byHour.size(), 2);
        QCOMPARE(byHour.at(0).toObject().value(QStringLiteral("hour")).toInt(), 0);
        QCOMPARE(byHour.at(0).toObject().value(QStringLiteral("sent")).toInteger(), 1);
        QCOMPARE(byHour.at(0).toObject().value(QStringLiteral("replied")).toInteger(), 1);
        QCOMPARE(byHour.at(0).toObject().value(QStringLiteral("responseRate")).toDouble(), 1.0);
        QCOMPARE(byHour.at(1).toObject().value(QStringLiteral("hour")).toInt(), 11);
        QCOMPARE(byHour.at(1).toObject().value(QStringLiteral("responseRate")).toDouble(), 0.0);

        const auto timeline = stats.value(QStringLiteral("timeline")).toArray();
        QStringList at;
        for (const auto &point : timeline)
            at.append(point.toObject().value(QStringLiteral("at")).toString());
        QCOMPARE(at,
            (QStringList {QStringLiteral("2026-03-01T11:00:00.000+01:00"),
                QStringLiteral("2026-03-02T00:00:00.000+01:00"),
                QStringLiteral("2026-03-02T01:00:00.000+01:00")}));
        QCOMPARE(timeline.at(1).toObject().value(QStringLiteral("sent")).toInteger(), 1);
        QCOMPARE(timeline.at(1).toObject().value(QStringLiteral("delivered")).toInteger(), 1);
        QCOMPARE(timeline.at(1).toObject().value(QStringLiteral("replied")).toInteger(), 0);
        QCOMPARE(timeline.at(2).toObject().value(QStringLiteral("replied")).toInteger(), 1);
        QCOMPARE(utc(at.at(1)), utc(QStringLiteral("2026-03-01T23:00:00Z")));

        const auto counts = stats.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("total")).toInteger(), 3);
        QCOMPARE(counts.value(QStringLiteral("replied")).toInteger(), 1);
        QCOMPARE(counts.value(QStringLiteral("failed")).toInteger(), 1);
        const auto funnel = stats.value(QStringLiteral("funnel")).toObject();
        QCOMPARE(funnel.value(QStringLiteral("total")).toInteger(), 3);
        QCOMPARE(funnel.value(QStringLiteral("sent")).toInteger(), 2);
        QCOMPARE(funnel.value(QStringLiteral("delivered")).toInteger(), 2);
        QCOMPARE(funnel.value(QStringLiteral("opened")).toInteger(), 1);
        QCOMPARE(funnel.value(QStringLiteral("replied")).toInteger(), 1);
        const auto rates = stats.value(QStringLiteral("rates")).toObject();
        QCOMPARE(rates.value(QStringLiteral("replied")).toDouble(), 0.5); // 1 of 2 sent
        QCOMPARE(rates.value(QStringLiteral("delivered")).toDouble(), 1.0);
    }

    void summerTimeAndUtcFallback()
    {
        // In July Berlin is UTC+2: 22:30 UTC is 00:30 local.
        const auto berlin = addCampaign(QStringLiteral("Europe/Berlin"));
        addRecipient(berlin, 1, RecipientState::Sent, utc(QStringLiteral("2026-07-01T22:30:00Z")), 0, 0);
        auto byHour
            = CampaignRepository::analytics(*m_context, berlin).value(QStringLiteral("byHour")).toArray();
        QCOMPARE(byHour.size(), 1);
        QCOMPARE(byHour.first().toObject().value(QStringLiteral("hour")).toInt(), 0);

        // No zone: UTC hours, "Z" times.
        const auto plain = addCampaign({});
        addRecipient(plain, 1, RecipientState::Sent, utc(QStringLiteral("2026-03-01T23:30:00Z")), 0, 0);
        const auto stats = CampaignRepository::analytics(*m_context, plain);
        QCOMPARE(stats.value(QStringLiteral("timeZone")).toString(), QStringLiteral("UTC"));
        byHour = stats.value(QStringLiteral("byHour")).toArray();
        QCOMPARE(byHour.first().toObject().value(QStringLiteral("hour")).toInt(), 23);
        QCOMPARE(stats.value(QStringLiteral("timeline"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("at"))
                     .toString(),
            QStringLiteral("2026-03-01T23:00:00.000Z"));
    }

    void halfHourZone()
    {
        // India is UTC+5:30: 23:45 UTC is 05:15 the next day; its hour starts at 23:30 UTC.
        const auto id = addCampaign(QStringLiteral("Asia/Kolkata"));
        addRecipient(id, 1, RecipientState::Sent, utc(QStringLiteral("2026-03-01T23:45:00Z")), 0, 0);
        const auto stats = CampaignRepository::analytics(*m_context, id);
        QCOMPARE(stats.value(QStringLiteral("byHour"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("hour"))
                     .toInt(),
            5);
        const auto at = stats.value(QStringLiteral("timeline"))
                            .toArray()
                            .first()
                            .toObject()
                            .value(QStringLiteral("at"))
                            .toString();
        QCOMPARE(at, QStringLiteral("2026-03-02T05:00:00.000+05:30"));
    }

private:
    qint64 addCampaign(const QString &zone)
    {
        const auto now = m_clock.nowMs();
        return m_context->write(
            QStringLiteral("INSERT INTO campaigns(name, channel, body, time_zone, state, created_at, "
                           "updated_at) VALUES(?, ?, ?, ?, ?, ?, ?)"),
            {QStringLiteral("Spring"), channelName(Channel::Sms), QStringLiteral("Hi"),
                zone.isEmpty() ? QVariant() : QVariant(zone), campaignStateName(CampaignState::Running), now,
                now});
    }
    void addRecipient(
        qint64 campaign, qint64 lead, RecipientState state, qint64 sent, qint64 delivered, qint64 replied)
    {
        const auto value = [](qint64 ms) { return ms ? QVariant(ms) : QVariant(); };
        m_context->write(
            QStringLiteral("INSERT INTO campaign_recipients(campaign_id, lead_id, state, queued_at, "
                           "sent_at, delivered_at, replied_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"),
            {campaign, lead, recipientStateName(state), m_clock.nowMs(), value(sent), value(delivered),
                value(replied), m_clock.nowMs()});
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    QString m_name;
    ManualClock m_clock;
    std::unique_ptr<SqlContext> m_context;
};

QTEST_GUILESS_MAIN(CampaignAnalyticsTest)
#include "tst_campaign_analytics.moc"
