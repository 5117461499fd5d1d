// Custom outbound headers of a webhook configuration: names must be RFC 9110 tokens, values free of
// control characters, and the headers Switchboard sets itself (framing, connection, signatures)
// cannot be overridden — refused at create and update through both APIs, stored data untouched.
#include "TestSupport.h"
#include "WebhookReceiver.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

struct Api
{
    QString base;
    QString messageKey; // the family's error field
    QString eventsKey;
};

const Api admin {
    QStringLiteral("/api/webhooks/config"), QStringLiteral("message"), QStringLiteral("eventTypes")};
const Api communications {
    QStringLiteral("/api/communications/webhooks"), QStringLiteral("detail"), QStringLiteral("events")};

QJsonObject config(const Api &api, const QString &url, const QJsonObject &headers)
{
    return {{QStringLiteral("name"), QStringLiteral("headers")}, {QStringLiteral("url"), url},
        {api.eventsKey, QJsonArray {QStringLiteral("lead.created")}}, {QStringLiteral("headers"), headers}};
}

int configCount(TestServer &server)
{
    return QJsonDocument::fromJson(adminGet(server, QStringLiteral("/api/communications/webhooks")).body)
        .array()
        .size();
}

} // namespace

class WebhookHeadersTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // in the error message
        const QString cr = QString(QChar(0x0d));
        const QString lf = QString(QChar(0x0a));
        const QString nul = QString(QChar(0));
        QTest::newRow("bare CR") << QStringLiteral("X-Tenant")
                                 << (QStringLiteral("a") + cr + QStringLiteral("Injected: 1"))
                                 << QStringLiteral("headers.X-Tenant contains a control character (U+000d)");
        QTest::newRow("LF") << QStringLiteral("X-Tenant") << (QStringLiteral("a") + lf + QStringLiteral("b"))
                            << QStringLiteral("headers.X-Tenant contains a control character (U+000a)");
        QTest::newRow("CRLF") << QStringLiteral("X-Tenant")
                              << (QStringLiteral("a") + cr + lf + QStringLiteral("b"))
                              << QStringLiteral("control character");
        QTest::newRow("NUL") << QStringLiteral("X-Tenant")
                             << (QStringLiteral("a") + nul + QStringLiteral("b"))
                             << QStringLiteral("headers.X-Tenant contains a control character (U+0000)");
        QTest::newRow("DEL") << QStringLiteral("X-Tenant") << QStringLiteral("a\x7f")
                             << QStringLiteral("U+007f");
        for (const char *name : {"Content-Length", "content-length", "Transfer-Encoding", "Host", "HOST",
                 "Connection", "X-Webhook-Signature", "x-webhook-event", "webhook-id", "Webhook-Timestamp",
                 "webhook-signature", "Upgrade", "TE"})
            QTest::newRow(name) << QString::fromLatin1(name) << QStringLiteral("1")
                                << QStringLiteral("headers.%1 cannot be set").arg(QString::fromLatin1(name));
        for (const char *name : {"X Tenant", "X-Tenant:", "X-Ténant", "", "X(Tenant)", "X-Tenant\r"})
            QTest::newRow(
                qPrintable(QStringLiteral("name '%1'").arg(QString::fromLatin1(name).toHtmlEscaped())))
                << QString::fromUtf8(name) << QStringLiteral("1")
                << QStringLiteral("is not a valid header name");
    }

    void refused()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        TestServer server;
        QVERIFY(server.started());
        for (const auto *api : {&admin, &communications}) {
            const auto created = adminSend(server, "POST", api->base,
                config(*api, QStringLiteral("http://127.0.0.1:9/hook"), {{name, value}}));
            QCOMPARE(created.status, 400);
            const auto message = created.json().value(api->messageKey).toString();
            QVERIFY2(message.contains(expected), qPrintable(message));
            QCOMPARE(configCount(server), 0);
        }
        // An update is refused the same way and leaves the stored headers as they were.
        const auto created = adminSend(server, "POST", admin.base,
            config(admin, QStringLiteral("http://127.0.0.1:9/hook"),
                {{QStringLiteral("X-Tenant"), QStringLiteral("acme")}}));
        QCOMPARE(created.status, 201);
        const auto id = created.json()
                            .value(QStringLiteral("webhook"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger();
        for (const auto *api : {&admin, &communications}) {
            const auto updated = adminSend(server, "PUT", api->base + QStringLiteral("/%1").arg(id),
                {{QStringLiteral("headers"), QJsonObject {{name, value}}}});
            QCOMPARE(updated.status, 400);
            QVERIFY(updated.json().value(api->messageKey).toString().contains(expected));
        }
        const auto stored = adminGet(server, admin.base + QStringLiteral("/%1").arg(id))
                                .json()
                                .value(QStringLiteral("webhook"))
                                .toObject();
        QCOMPARE(stored.value(QStringLiteral("headers")).toObject(),
            (QJsonObject {{QStringLiteral("X-Tenant"), QStringLiteral("acme")}}));
    }

    void validHeadersAreSent()
    {
        WebhookReceiver receiver;
        TestServer server;
        QVERIFY(server.started());
        const QJsonObject headers {{QStringLiteral("X-Tenant"), QStringLiteral("acme corp\tblue")},
            {QStringLiteral("x-trace_id.v2~!"), QStringLiteral("a:b;c=\"d\"")}};
        const auto created = adminSend(server, "POST", admin.base, config(admin, receiver.url(), headers));
        QCOMPARE(created.status, 201);
        const auto id = created.json()
                            .value(QStringLiteral("webhook"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger();
        const auto tested = adminSend(server, "POST", admin.base + QStringLiteral("/%1/test").arg(id),
            {{QStringLiteral("eventType"), QStringLiteral("lead.created")}});
        QCOMPARE(tested.status, 200);
        QVERIFY(tested.json().value(QStringLiteral("success")).toBool());
        QCOMPARE(receiver.received().size(), 1);
        QCOMPARE(receiver.received().first().header("X-Tenant"), QByteArray("acme corp\tblue"));
        QCOMPARE(receiver.received().first().header("x-trace_id.v2~!"), QByteArray("a:b;c=\"d\""));
        QVERIFY(!receiver.received().first().header("webhook-signature").isEmpty());
    }
};

QTEST_GUILESS_MAIN(WebhookHeadersTest)
#include "tst_webhook_headers.moc"
