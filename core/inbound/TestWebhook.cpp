#include "TestWebhook.h"

#include "domain/DomainEvent.h"
#include "server/Ingest.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>

namespace sb {

void registerTestWebhook(Router &router)
{
    routes::addWebhook(router, QStringLiteral("/api/webhooks/test"), ApiFamily::Provider,
        QStringLiteral("test"), true, [](const ApiRequest &request) {
            Ingest ingest;
            ingest.provider = QStringLiteral("test");
            ingest.eventType = QStringLiteral("test");
            const auto contentType = request.header("Content-Type").toLower();
            const auto document = QJsonDocument::fromJson(request.body);
            if (document.isObject()) {
                const auto object = document.object();
                ingest.eventType = object.value(QStringLiteral("event")).toString(ingest.eventType);
                ingest.source = object.value(QStringLiteral("source")).toString();
            }
            const auto format = document.isNull()
                ? (contentType.contains("x-www-form-urlencoded") ? QStringLiteral("form")
                        : contentType.contains("multipart/")     ? QStringLiteral("multipart")
                                                                 : QStringLiteral("text"))
                : QStringLiteral("json");
            const auto size = request.body.size();
            ingest.apply = [format, size, receipt = request.recordId](SqlContext &) -> ApiResult {
                return ApiResponse::json(200,
                    QJsonObject {{QStringLiteral("success"), true},
                        {QStringLiteral("message"), QStringLiteral("Test webhook received")},
                        {QStringLiteral("receiptId"), receipt}, {QStringLiteral("format"), format},
                        {QStringLiteral("bytes"), qint64(size)}});
            };
            return ingest;
        });
}

} // namespace sb
