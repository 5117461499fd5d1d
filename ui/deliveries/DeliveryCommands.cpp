#include "DeliveryCommands.h"

#include "storage/DeliveryRepository.h"
#include "storage/SendLog.h"
#include "storage/SqlWorker.h"

#include <QObject>
#include <memory>

namespace sb {

namespace {

QString errorOf(const ApiResult &result)
{
    const auto *error = std::get_if<ApiError>(&result);
    return error ? error->message : QString();
}

QString shellQuoted(const QString &text)
{
    // POSIX: inside single quotes nothing is special except the quote itself.
    auto quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

void DeliveryCommands::retry(
    SqlWorker &writer, const QString &id, QObject *context, std::function<void(bool, const QString &)> done)
{
    SqlJob job;
    job.replyContext = context;
    job.run = [id](SqlContext &sql) -> ApiResult {
        if (DeliveryRepository::retry(sql, {id}) == 0)
            return ApiError {ErrorKind::NotFound, tr("The delivery no longer exists.")};
        return ApiResponse {};
    };
    job.done = [done = std::move(done)](const ApiResult &result) {
        const auto error = errorOf(result);
        done(error.isEmpty(), error);
    };
    writer.submit(std::move(job));
}

void DeliveryCommands::retrySend(
    SqlWorker &writer, qint64 outboxId, QObject *context, std::function<void(qint64, const QString &)> done)
{
    SqlJob job;
    job.replyContext = context;
    auto queued = std::make_shared<qint64>(0);
    job.run = [outboxId, queued](SqlContext &sql) -> ApiResult {
        const auto retried = SendLog::retry(sql, outboxId);
        if (const auto *refused = std::get_if<QString>(&retried))
            return ApiError {ErrorKind::Conflict, *refused};
        *queued = std::get<OutboxEntry>(retried).id;
        return ApiResponse {};
    };
    job.done = [queued, done = std::move(done)](const ApiResult &result) { done(*queued, errorOf(result)); };
    writer.submit(std::move(job));
}

void DeliveryCommands::retryFailed(SqlWorker &writer, const DeliveryFilter &filter, QObject *context,
    std::function<void(int, const QString &)> done)
{
    auto failedOnly = filter;
    failedOnly.status = DeliveryStatus::Failed;
    auto count = std::make_shared<int>(0);
    SqlJob job;
    job.replyContext = context;
    job.run = [failedOnly, count](SqlContext &sql) -> ApiResult {
        *count = DeliveryRepository::retry(sql, DeliveryRepository::ids(sql, failedOnly));
        return ApiResponse {};
    };
    job.done = [done = std::move(done), count](const ApiResult &result) { done(*count, errorOf(result)); };
    writer.submit(std::move(job));
}

QString DeliveryCommands::curlCommand(
    const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QStringList parts {QStringLiteral("curl -X POST %1").arg(shellQuoted(url))};
    for (const auto &[name, value] : headers) {
        // curl computes these itself; a stale Content-Length would truncate or hang the request.
        if (name.compare("content-length", Qt::CaseInsensitive) == 0
            || name.compare("host", Qt::CaseInsensitive) == 0)
            continue;
        parts.append(QStringLiteral("-H %1").arg(
            shellQuoted(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value))));
    }
    parts.append(QStringLiteral("--data-binary %1").arg(shellQuoted(QString::fromUtf8(body))));
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace sb
