// Campaign templates (placeholders with fallbacks, unknown names found) and the campaign and recipient
// state rules.
#include "domain/Campaign.h"

#include <QTest>

using namespace sb;

class CampaignTemplateTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rendersValuesAndFallbacks()
    {
        const QHash<QString, QString> values {{QStringLiteral("first_name"), QStringLiteral("Ada")},
            {QStringLiteral("company_name"), QString()}, {QStringLiteral("owner"), QStringLiteral("  ")}};
        QCOMPARE(CampaignTemplate::render(
                     QStringLiteral("Hi {first_name|there}, {company_name|your team} x {owner}!"), values),
            QStringLiteral("Hi Ada, your team x !"));
        QCOMPARE(
            CampaignTemplate::render(QStringLiteral("{last_name|friend}"), values), QStringLiteral("friend"));
        QCOMPARE(CampaignTemplate::render(QStringLiteral("{email}"), values), QString());
        QCOMPARE(CampaignTemplate::render(QStringLiteral("no placeholders { here }"), values),
            QStringLiteral("no placeholders { here }"));
    }

    void findsUnknownPlaceholders()
    {
        QCOMPARE(CampaignTemplate::unknownPlaceholders(
                     QStringLiteral("{first_name} {coupon} {phone|-} {coupon} {x|y}")),
            (QStringList {QStringLiteral("coupon"), QStringLiteral("x")}));
        QVERIFY(CampaignTemplate::unknownPlaceholders(
            QStringLiteral("{first_name}{last_name}{company_name}{owner}{email}{phone}"))
                    .isEmpty());
    }

    void transitions()
    {
        using S = CampaignState;
        using A = CampaignAction;
        QCOMPARE(campaignTransition(S::Draft, A::Execute), std::optional(S::Running));
        QCOMPARE(campaignTransition(S::Scheduled, A::Execute), std::optional(S::Running));
        QCOMPARE(campaignTransition(S::Running, A::Pause), std::optional(S::Paused));
        QCOMPARE(campaignTransition(S::Paused, A::Resume), std::optional(S::Running));
        QCOMPARE(campaignTransition(S::Paused, A::Cancel), std::optional(S::Cancelled));
        QCOMPARE(campaignTransition(S::Draft, A::Pause), std::nullopt);
        QCOMPARE(campaignTransition(S::Completed, A::Execute), std::nullopt);
        QCOMPARE(campaignTransition(S::Cancelled, A::Resume), std::nullopt);
        QCOMPARE(campaignTransition(S::Completed, A::Cancel), std::nullopt);
        QCOMPARE(campaignStateFromName(QStringLiteral("paused")), std::optional(S::Paused));
        QCOMPARE(campaignStateName(S::Cancelled), QStringLiteral("cancelled"));
    }

    void recipientsOnlyMoveForward()
    {
        QVERIFY(recipientStateRank(RecipientState::Delivered) > recipientStateRank(RecipientState::Sent));
        QVERIFY(recipientStateRank(RecipientState::Replied) > recipientStateRank(RecipientState::Clicked));
        QVERIFY(recipientStateRank(RecipientState::Failed) > recipientStateRank(RecipientState::Replied));
        QCOMPARE(recipientStateNames().size(), 9);
        QCOMPARE(recipientTimeColumn(RecipientState::Bounced), QStringLiteral("ended_at"));
    }
};

QTEST_MAIN(CampaignTemplateTest)
#include "tst_campaign_template.moc"
