// The inbound request inspector against a real runtime: rows arrive live from the server, older
// ones page in by keyset, and the view keeps the user's selection, scroll position and detail.
#include "TestSupport.h"
#include "common/PayloadText.h"
#include "common/RecordTable.h"
#include "common/UiDatabase.h"
#include "inspector/InboundDetailPane.h"
#include "inspector/InboundRequestModel.h"
#include "inspector/InboundRequestsView.h"
#include "security/TwilioSignature.h"
#include "storage/InboundRepository.h"
#include "storage/SqlWorker.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <set>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

// Stores `count` requests through the writer, as the server would, and waits for the commit.
void storeRequests(Runtime &runtime, int count, const QString &eventType = QStringLiteral("seeded"))
{
    QObject context;
    bool done = false;
    SqlJob job;
    job.replyContext = &context;
    job.run = [count, eventType](SqlContext &sql) -> ApiResult {
        for (int i = 0; i < count; ++i) {
            ApiRequest request;
            request.method = "POST";
            request.rawTarget = "/api/webhooks/test?n=" + QByteArray::number(i);
            request.path = QStringLiteral("/api/webhooks/test");
            request.rawHead = "POST " + request.rawTarget
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                  "application/json\r\n";
            request.body = R"({"n":)" + QByteArray::number(i) + "}";
            request.peer = QHostAddress::LocalHost;
            request.clientIp = QStringLiteral("127.0.0.1");
            request.receivedAtMs = sql.nowMs();
            InboundOutcome outcome;
            outcome.provider = QStringLiteral("test");
            outcome.handler = QStringLiteral("test");
            outcome.eventType = eventType;
            outcome.status = QStringLiteral("processed");
            InboundRepository::insert(sql, request, outcome, ApiResponse::json(200, QJsonObject {}));
        }
        return ApiResponse {};
    };
    job.done = [&done](const ApiResult &) { done = true; };
    runtime.writer().submit(std::move(job));
    QTRY_VERIFY_WITH_TIMEOUT(done, timeoutMs);
}

HttpReply sendTest(TestServer &server, const QByteArray &body)
{
    return request("POST", server.url(QStringLiteral("/api/webhooks/test")), body);
}

} // namespace

class InboundModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // QSettings (window and splitter state) must not touch the user's configuration.
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_inboundmodel"));
    }

    void liveRequestsAreInsertedAtTheTop()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        UiDatabase database(server.runtime().databaseOptions());
        QVERIFY2(database.isOpen(), qPrintable(database.error()));
        InboundRequestModel model(database.db(), server.runtime().bus());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.reachedEnd());
        QVERIFY(!model.canFetchMore());

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(sendTest(server, R"({"event":"lead.created"})").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, timeoutMs);
        QCOMPARE(request("GET", server.url(QStringLiteral("/no/such/path"))).status, 404);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, timeoutMs);

        QCOMPARE(inserted.count(), 2);
        for (const auto &arguments : inserted)
            QCOMPARE(arguments.at(1).toInt(), 0); // always at the top
        QCOMPARE(reset.count(), 0);

        using C = InboundRequestModel;
        QCOMPARE(model.index(0, C::Path).data().toString(), QStringLiteral("/no/such/path"));
        QCOMPARE(model.index(0, C::Status).data(C::StatusRole).toString(), QStringLiteral("rejected"));
        QCOMPARE(model.index(0, C::HttpStatus).data().toInt(), 404);
        QCOMPARE(model.index(1, C::Path).data().toString(), QStringLiteral("/api/webhooks/test"));
        QCOMPARE(model.index(1, C::Event).data().toString(), QStringLiteral("lead.created"));
        QCOMPARE(model.index(1, C::Status).data(C::StatusRole).toString(), QStringLiteral("processed"));
        QCOMPARE(model.index(1, C::Method).data().toString(), QStringLiteral("POST"));
        QVERIFY(model.index(1, 0).data(C::RecordIdRole).toString().startsWith(QLatin1String("evt_")));
        QVERIFY(model.index(0, 0).data(C::SeqRole).toLongLong()
            > model.index(1, 0).data(C::SeqRole).toLongLong());
    }

    void fetchMorePagesOlderRowsByKeyset()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        storeRequests(server.runtime(), 450);
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestModel model(database.db(), server.runtime().bus());

        QVERIFY(model.canFetchMore());
        model.fetchMore();
        QCOMPARE(model.rowCount(), InboundRequestModel::pageSize);
        QVERIFY(model.canFetchMore());
        model.fetchMore();
        QCOMPARE(model.rowCount(), 2 * InboundRequestModel::pageSize);
        model.fetchMore();
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore());
        QVERIFY(model.reachedEnd());

        // Newest first, every row once: the pages meet without gap or overlap.
        std::set<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            ids.insert(model.index(row, 0).data(InboundRequestModel::RecordIdRole).toString());
            if (row > 0) {
                QVERIFY(model.index(row - 1, 0).data(InboundRequestModel::SeqRole).toLongLong()
                    > model.index(row, 0).data(InboundRequestModel::SeqRole).toLongLong());
            }
        }
        QCOMPARE(ids.size(), size_t(450));
        // Attached only now: the tester fetches on its own, which would blur the page counts above.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // A request arriving now lands on top of the 450.
        QCOMPARE(sendTest(server, R"({"event":"after.paging"})").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 451, timeoutMs);
        QCOMPARE(
            model.index(0, InboundRequestModel::Event).data().toString(), QStringLiteral("after.paging"));
    }

    void liveRowsArrivingBeforeTheFirstPageAreNotDuplicated()
    {
        TestServer server;
        QVERIFY(server.started());
        storeRequests(server.runtime(), 5);
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestModel model(database.db(), server.runtime().bus());
        // Committed before the first page: its queued signal then carries rows the page already has.
        storeRequests(server.runtime(), 3, QStringLiteral("raced"));
        model.fetchMore();
        QCOMPARE(model.rowCount(), 8);
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.index(0, InboundRequestModel::Event).data().toString(), QStringLiteral("raced"));
    }

    void selectionAndScrollPositionSurviveLiveInserts()
    {
        TestServer server;
        QVERIFY(server.started());
        storeRequests(server.runtime(), 120);
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestsView view(database.db(), server.runtime());
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *table = view.table();
        QCOMPARE(view.model()->rowCount(), 120);

        table->selectRow(40);
        const auto selected = view.selectedId();
        QVERIFY(!selected.isEmpty());
        QCOMPARE(view.detail()->recordId(), selected);
        table->scrollTo(table->model()->index(40, 0), QAbstractItemView::PositionAtTop);
        QTRY_VERIFY(table->verticalScrollBar()->value() > 0);
        const auto topId = table->indexAt(QPoint(2, 2)).data(InboundRequestModel::RecordIdRole).toString();
        QVERIFY(!topId.isEmpty());

        for (int i = 0; i < 3; ++i)
            QCOMPARE(sendTest(server, R"({"event":"live"})").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 123, timeoutMs);
        QCoreApplication::processEvents();

        QCOMPARE(view.selectedId(), selected);
        QCOMPARE(table->selectionModel()->selectedRows().value(0).row(), 43);
        QCOMPARE(view.detail()->recordId(), selected);
        // The rows the user was reading are still where they were.
        QCOMPARE(table->indexAt(QPoint(2, 2)).data(InboundRequestModel::RecordIdRole).toString(), topId);

        // At the top, new requests come into sight instead.
        table->verticalScrollBar()->setValue(0);
        QCOMPARE(sendTest(server, R"({"event":"visible"})").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 124, timeoutMs);
        QCOMPARE(table->verticalScrollBar()->value(), 0);
        QCOMPARE(table->indexAt(QPoint(2, 2)).row(), 0);
    }

    void detailShowsHeadersAndPrettyBody()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestsView view(database.db(), server.runtime());
        view.resize(1200, 700);
        view.show();
        QCOMPARE(
            sendTest(server, R"({"event":"lead.created","data":{"name":"Ada","tags":[1,2]}})").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);

        view.table()->selectRow(0);
        auto *body = view.findChild<QPlainTextEdit *>(QStringLiteral("requestBody"));
        QVERIFY(body);
        const auto text = body->toPlainText();
        QVERIFY2(
            text.contains(QStringLiteral("\n    \"data\": {\n        \"name\": \"Ada\"")), qPrintable(text));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("requestBodyCaption"))
                    ->text()
                    .startsWith(QStringLiteral("JSON")));

        auto *headers = view.findChild<QTableWidget *>(QStringLiteral("headersTable"));
        QVERIFY(headers);
        QStringList names;
        for (int row = 0; row < headers->rowCount(); ++row)
            names << headers->item(row, 0)->text();
        QVERIFY2(names.contains(QStringLiteral("Content-Type"), Qt::CaseInsensitive),
            qPrintable(names.join(u',')));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("requestLine"))
                    ->text()
                    .startsWith(QStringLiteral("POST /api/webhooks/test")));

        auto *response = view.findChild<QPlainTextEdit *>(QStringLiteral("responseBody"));
        QVERIFY(response->toPlainText().contains(QStringLiteral("\"receiptId\"")));
    }

    void failedSignatureShowsStringToSign()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestsView view(database.db(), server.runtime());
        view.show();
        const QByteArray body = R"({"event":"new_lead","data":{"first_name":"Ada"}})";
        const auto reply
            = request("POST", server.url(QStringLiteral("/api/v1/webhooks/incoming/lead/create")), body,
                {{"X-Webhook-Signature", QByteArray(64, '0')}});
        QCOMPARE(reply.status, 401);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        QCOMPARE(view.model()
                     ->index(0, InboundRequestModel::Status)
                     .data(InboundRequestModel::StatusRole)
                     .toString(),
            QStringLiteral("rejected"));
        view.table()->selectRow(0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("verificationResult"))
                    ->text()
                    .startsWith(QStringLiteral("invalid signature")));
        auto *stringToSign = view.findChild<QPlainTextEdit *>(QStringLiteral("stringToSign"));
        QCOMPARE(stringToSign->toPlainText().toUtf8(), body);
        QVERIFY(stringToSign->isVisibleTo(&view) || !stringToSign->parentWidget()->isHidden());
    }

    void replayButtonProcessesARequestOnceItsSecretIsSet()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestsView view(database.db(), server.runtime());
        view.show();
        // A real Twilio SMS signed with a token this console does not know yet.
        const QByteArray token = "twilio-token-set-later";
        const auto url = server.url(QStringLiteral("/api/webhooks/twilio/sms")).toString();
        FormFields form;
        form.append(QStringLiteral("MessageSid"), QStringLiteral("SM0123456789abcdef0123456789abcdef"));
        form.append(QStringLiteral("From"), QStringLiteral("+14155550199"));
        form.append(QStringLiteral("To"), QStringLiteral("+15005550006"));
        form.append(QStringLiteral("Body"), QStringLiteral("Replay me"));
        const QByteArray body
            = "MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B14155550199&To=%2B15005550006"
              "&Body=Replay%20me";
        const auto reply = request("POST", QUrl(url), body,
            {{"Content-Type", "application/x-www-form-urlencoded"},
                {"X-Twilio-Signature", TwilioSignature::sign(token, url.toUtf8(), form)}});
        QCOMPARE(reply.status, 401);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        const auto originalId = view.model()->index(0, 0).data(InboundRequestModel::RecordIdRole).toString();
        view.table()->selectRow(0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("verificationResult"))
                    ->text()
                    .startsWith(InboundRequestModel::verificationLabel(QStringLiteral("missing_secret"))));

        server.runtime().secrets().set(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));
        auto *replay = view.findChild<QPushButton *>(QStringLiteral("replayButton"));
        QVERIFY(replay && replay->isVisibleTo(&view));
        replay->click();
        // The replay is a new record, selected when it arrives; the original stays rejected.
        QTRY_VERIFY_WITH_TIMEOUT(!view.selectedId().isEmpty() && view.selectedId() != originalId, timeoutMs);
        QCOMPARE(view.model()->rowCount(), 2);
        const int replayRow = view.model()->rowOfId(view.selectedId());
        QCOMPARE(view.model()->index(replayRow, 0).data(InboundRequestModel::StatusRole).toString(),
            QStringLiteral("processed"));
        QCOMPARE(view.model()
                     ->index(view.model()->rowOfId(originalId), 0)
                     .data(InboundRequestModel::StatusRole)
                     .toString(),
            QStringLiteral("rejected"));
        auto *result = view.findChild<QLabel *>(QStringLiteral("replayResult"));
        QVERIFY(result->isVisibleTo(&view));
        QVERIFY2(result->text().contains(originalId), qPrintable(result->text()));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("verificationResult"))
                    ->text()
                    .startsWith(InboundRequestModel::verificationLabel(QStringLiteral("verified"))));

        // Replaying it again is deduplicated like a provider retry: recorded, applied once.
        replay->click();
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 3, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()
                                      ->index(view.model()->rowOfId(view.selectedId()), 0)
                                      .data(InboundRequestModel::StatusRole)
                                      .toString(),
            QStringLiteral("duplicate"), timeoutMs);
    }

    void liveRowsAreCappedAndReadAgainOnScroll()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestsView view(database.db(), server.runtime());
        view.resize(900, 600);
        view.show();
        storeRequests(server.runtime(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 10, timeoutMs);
        // Sustained ingest at the top of the list: trimmed back to the cap, not grown without bound.
        const int burst = liveRowCap + liveRowSlack + 500;
        storeRequests(server.runtime(), burst);
        // (The view may read one page back in right away while its last row is in sight.)
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() >= liveRowCap
                && view.model()->rowCount() <= liveRowCap + InboundRequestModel::pageSize,
            timeoutMs);
        QVERIFY(view.model()->canFetchMore());
        // The dropped rows come back, once each, when the user scrolls down to them.
        while (view.model()->canFetchMore())
            view.model()->fetchMore();
        QCOMPARE(view.model()->rowCount(), burst + 10);
        std::set<QString> ids;
        for (int row = 0; row < view.model()->rowCount(); ++row)
            ids.insert(view.model()->summaryAt(row).id);
        QCOMPARE(int(ids.size()), burst + 10);

        // A row the user selected far down is never dropped under them.
        view.table()->selectRow(liveRowCap + 800);
        const auto selected = view.selectedId();
        storeRequests(server.runtime(), liveRowSlack + 200);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() < burst + 10 + liveRowSlack + 200, timeoutMs);
        QCOMPARE(view.selectedId(), selected);
        QVERIFY(view.model()->rowOfId(selected) >= liveRowCap + 800);
    }

    void filterBySearchAndStatus()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestsView view(database.db(), server.runtime());
        QCOMPARE(sendTest(server, R"({"event":"lead.created"})").status, 200);
        QCOMPARE(request("GET", server.url(QStringLiteral("/missing"))).status, 404);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 2, timeoutMs);

        auto *model = view.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setFilter(InboundFilter {.search = QStringLiteral("LEAD.")});
        QTRY_VERIFY_WITH_TIMEOUT(!model->isScanning(), timeoutMs);
        QCOMPARE(model->rowCount(), 1);
        // A record id finds exactly its request (typed in any case); an HTTP status finds the answers that
        // had it.
        model->setFilter({});
        const auto id = model->index(1, 0).data(InboundRequestModel::RecordIdRole).toString();
        model->setFilter(InboundFilter {.search = id.toLower()});
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(InboundRequestModel::RecordIdRole).toString(), id);
        model->setFilter(InboundFilter {.search = QStringLiteral("404")});
        QTRY_VERIFY_WITH_TIMEOUT(!model->isScanning(), timeoutMs);
        QCOMPARE(model->rowCount(), 1);
        // Through the toolbar: the status combo filters in SQL as well.
        auto *status = view.findChild<QComboBox *>(QStringLiteral("inboundStatusFilter"));
        view.findChild<QLineEdit *>(QStringLiteral("inboundSearch"))->clear();
        status->setCurrentIndex(status->findData(QStringLiteral("rejected")));
        QTRY_COMPARE_WITH_TIMEOUT(model->filter().status, QStringLiteral("rejected"), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isScanning(), timeoutMs);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, InboundRequestModel::Path).data().toString(), QStringLiteral("/missing"));
        // A live insert that matches the active filter shows up in it; one that does not, does not.
        QCOMPARE(sendTest(server, "{}").status, 200);
        QCOMPARE(request("GET", server.url(QStringLiteral("/missing/too"))).status, 404);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, timeoutMs);
        QCOMPARE(
            model->index(0, InboundRequestModel::Path).data().toString(), QStringLiteral("/missing/too"));
        QTest::qWait(200);
        QCOMPARE(model->rowCount(), 2);
    }

    void filterScansOlderRequestsInWindows()
    {
        TestServer server;
        QVERIFY(server.started());
        // One match far below 1,200 others: found by reading back window by window.
        storeRequests(server.runtime(), 1, QStringLiteral("needle.found"));
        storeRequests(server.runtime(), 1200);
        UiDatabase database(server.runtime().databaseOptions());
        InboundRequestModel model(database.db(), server.runtime().bus());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(InboundFilter {.search = QStringLiteral("needle")});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), timeoutMs);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.summaryAt(0).eventType, QStringLiteral("needle.found"));
        QVERIFY(model.reachedEnd());
        model.setFilter(InboundFilter {.search = QStringLiteral("nothing like this")});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), timeoutMs);
        QCOMPARE(model.rowCount(), 0);
        // Unfiltered again: pages of the newest, as before.
        model.setFilter({});
        QCOMPARE(model.rowCount(), InboundRequestModel::pageSize);
    }

    void payloadTextKinds()
    {
        QCOMPARE(PayloadText::render({}).kind, PayloadText::Kind::Empty);
        const auto json = PayloadText::render(R"({"a":[1]})");
        QCOMPARE(json.kind, PayloadText::Kind::Json);
        QCOMPARE(json.text, QStringLiteral("{\n    \"a\": [\n        1\n    ]\n}"));
        QCOMPARE(PayloadText::render("a=1&b=2", "application/x-www-form-urlencoded").kind,
            PayloadText::Kind::Form);
        QCOMPARE(PayloadText::render("plain words\n").kind, PayloadText::Kind::Text);
        const auto binary = PayloadText::render(QByteArray("\x00\x01\xff hi", 6));
        QCOMPARE(binary.kind, PayloadText::Kind::Binary);
        QVERIFY2(
            binary.text.startsWith(QStringLiteral("00000000  00 01 ff 20 68 69")), qPrintable(binary.text));
        QVERIFY(binary.text.contains(QStringLiteral("|... hi|")));
    }

    void emptyStateExplainsHowToSendOne()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        const auto url = server.url({}).toString();
        InboundRequestsView view(database.db(), server.runtime());
        view.show();
        auto *command = view.findChild<QLabel *>(QStringLiteral("emptyStateCommand"));
        QVERIFY(command);
        QVERIFY(command->isVisibleTo(&view));
        QVERIFY(command->text().contains(url + QStringLiteral("/api/webhooks/test")));
        QCOMPARE(sendTest(server, "{}").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!command->isVisibleTo(&view), timeoutMs);
        QVERIFY(view.table()->isVisibleTo(&view));
    }
};

QTEST_MAIN(InboundModelTest)
#include "tst_inboundmodel.moc"
