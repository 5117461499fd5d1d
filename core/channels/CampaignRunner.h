#pragma once

#include "SendCommands.h"
#include "domain/Lead.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace sb {

class EventBus;
class SqlWorker;

// Runs campaigns (storage/CampaignRepository): starts scheduled ones at their time, hands the queued
// recipients of running ones to the outbox in batches at the campaign's throttle (messages per
// minute; 0 = as fast as the outbox goes), each with the idempotency key campaign:<id>:<lead id>
// (queueSend answers the first send for a key used before, so a restart never sends twice), and
// completes a campaign when no recipient is left queued. Recipients follow their messages from the
// events of the writer: message.updated (status callbacks, Mailgun events) and inbound
// message.created (replies). Everything runs on the writer; a restart resumes where it stopped.
// The values a campaign template's placeholders take for `lead` (CampaignTemplate::render): the
// runner's sends and the console's preview use the same ones.
QHash<QString, QString> campaignTemplateValues(const Lead &lead);

class CampaignRunner : public QObject
{
    Q_OBJECT
public:
    CampaignRunner(SqlWorker &writer, EventBus &bus, SendSettings settings, QObject *parent = nullptr);

    void start();
    void stop();
    void wake();

    static constexpr int batchSize = 50;

private:
    void tick();

    SqlWorker &m_writer;
    SendSettings m_settings;
    QTimer m_timer;
    bool m_running = false;
    bool m_busy = false;
    bool m_again = false;
    bool m_tracking = false; // some campaign has recipients: message events may concern them
};

} // namespace sb
