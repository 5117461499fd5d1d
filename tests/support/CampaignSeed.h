#pragma once

#include "domain/Campaign.h"

#include <QList>
#include <QString>

namespace sb {
class Runtime;
}

namespace sb::test {

// One seeded recipient: its state and when it was sent (ms since the epoch; 0: not sent).
struct SeedRecipient
{
    RecipientState state = RecipientState::Queued;
    qint64 sentAt = 0;
};

// A campaign row with recipients written straight into the runtime's database (on its writer,
// waited for): the times of the later steps follow the send by minutes (delivered +1, opened +5,
// clicked +9, replied +25). Returns the campaign id (0 when the write failed).
qint64 seedCampaign(Runtime &runtime, const QString &name, CampaignState state, const QString &timeZone,
    const QList<SeedRecipient> &recipients, qint64 skippedDoNotContact = 0);

// A completed SMS campaign "Spring offer" (Europe/Berlin) of 40 recipients sent over six hours
// ending an hour before `now`: 24 replied, 5 clicked, 3 opened, 3 delivered, 1 sent, 2 bounced,
// 1 failed, 1 unsubscribed; 3 skipped for do-not-contact. Funnel: total 40, sent 39, delivered 35,
// opened 32, clicked 29, replied 24.
qint64 seedCompletedCampaign(Runtime &runtime, qint64 now);

} // namespace sb::test
