#include "server/Router.h"

#include <QTest>

using namespace sb;

class RouterTest : public QObject
{
    Q_OBJECT
private:
    static Route route(const char *method, const char *pattern)
    {
        Route r;
        r.method = method;
        r.pattern = QString::fromLatin1(pattern);
        r.handlerName = QString::fromLatin1(pattern);
        return r;
    }

private Q_SLOTS:
    void literalAndPlaceholders()
    {
        Router router;
        QVERIFY(router.add(route("POST", "/api/v1/webhooks/incoming/lead/create")));
        QVERIFY(router.add(route("POST", "/api/v1/webhooks/incoming/lead/{id}/update")));
        QVERIFY(router.add(route("GET", "/api/v1/webhooks/logs/{id}")));

        auto match = router.match("POST", u"/api/v1/webhooks/incoming/lead/create");
        QCOMPARE(match.outcome, RouteMatch::Outcome::Found);
        QCOMPARE(match.route->pattern, QStringLiteral("/api/v1/webhooks/incoming/lead/create"));

        match = router.match("POST", u"/api/v1/webhooks/incoming/lead/42/update");
        QCOMPARE(match.outcome, RouteMatch::Outcome::Found);
        QCOMPARE(match.args, QStringList {QStringLiteral("42")});

        match = router.match("POST", u"/api/v1/webhooks/incoming/lead/create/");
        QCOMPARE(match.outcome, RouteMatch::Outcome::Found); // trailing slash tolerated
    }

    void methodNotAllowedListsAllowed()
    {
        Router router;
        QVERIFY(router.add(route("POST", "/api/webhooks/test")));
        QVERIFY(router.add(route("GET", "/api/webhooks/test")));
        const auto match = router.match("DELETE", u"/api/webhooks/test");
        QCOMPARE(match.outcome, RouteMatch::Outcome::MethodNotAllowed);
        QVERIFY(match.allowedMethods.contains("POST"));
        QVERIFY(match.allowedMethods.contains("GET"));
    }

    void unknownPathAndDuplicates()
    {
        Router router;
        QVERIFY(router.add(route("GET", "/a/{x}")));
        QVERIFY(!router.add(route("GET", "/a/{x}")));
        QCOMPARE(router.match("GET", u"/a/b/c").outcome, RouteMatch::Outcome::NotFound);
        QCOMPARE(router.match("GET", u"/nothing").outcome, RouteMatch::Outcome::NotFound);
        QCOMPARE(router.match("HEAD", u"/a/1").outcome, RouteMatch::Outcome::Found);
    }

    void familiesByPath()
    {
        QCOMPARE(familyForPath(u"/api/v1/webhooks/nothing"), ApiFamily::Crm);
        QCOMPARE(familyForPath(u"/api/webhooks/config/5"), ApiFamily::WebhookAdmin);
        QCOMPARE(familyForPath(u"/api/communications/webhooks/"), ApiFamily::Communications);
        QCOMPARE(familyForPath(u"/api/webhooks/twilio/sms"), ApiFamily::Provider);
    }
};

QTEST_GUILESS_MAIN(RouterTest)
#include "tst_router.moc"
