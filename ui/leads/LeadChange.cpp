#include "LeadChange.h"

#include "leads/LeadCommands.h"
#include "storage/SqlWorker.h"

#include <algorithm>

namespace sb {

namespace {

ApiResult runCommand(SqlContext &sql, const QString &event, qint64 id, const QJsonObject &data)
{
    const auto &events = leadEvents();
    const auto spec
        = std::find_if(events.begin(), events.end(), [&event](const auto &e) { return e.event == event; });
    Q_ASSERT(spec != events.end());
    LeadCall call;
    call.event = event;
    call.source = LeadChange::consoleSource();
    call.data = data;
    call.id = id;
    call.recordId = LeadChange::consoleSource();
    return spec->command(sql, call);
}

} // namespace

void LeadChange::save(SqlWorker &writer, QObject *context, std::function<void(const QString &)> done) const
{
    SqlJob job;
    job.replyContext = context;
    job.run = [change = *this](SqlContext &sql) -> ApiResult {
        if (!change.fields.isEmpty()) {
            auto result = runCommand(sql, QStringLiteral("lead_update"), change.leadId, change.fields);
            if (isError(result))
                return result;
        }
        if (!change.newStatus.isEmpty()) {
            QJsonObject data {{QStringLiteral("lead_status"), change.newStatus}};
            if (!change.remarks.isEmpty())
                data.insert(QStringLiteral("remarks"), change.remarks);
            return runCommand(sql, QStringLiteral("lead_status_update"), change.leadId, data);
        }
        return ApiResponse {};
    };
    job.done = [done = std::move(done)](const ApiResult &result) {
        const auto *error = std::get_if<ApiError>(&result);
        done(error ? error->message : QString());
    };
    writer.submit(std::move(job));
}

} // namespace sb
