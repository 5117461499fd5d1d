#pragma once

#include "storage/SqlWorker.h"

#include <QObject>
#include <QString>
#include <memory>
#include <type_traits>

namespace sb {

// Runs `work` on a worker thread's connection (normally Runtime::reader(): queries that may scan,
// so the GUI thread never waits for them) and hands its result to `done(result, error)` in
// `context`'s thread. Nothing is delivered when `context` is gone by then. `error` is empty on
// success; a SqlError thrown by `work` becomes its message.
template <typename Work, typename Done>
void runOnWorker(SqlWorker &worker, QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work, SqlContext &>;
    auto result = std::make_shared<Result>();
    SqlJob job;
    job.replyContext = context;
    job.run = [work = std::move(work), result](SqlContext &sql) -> ApiResult {
        *result = work(sql);
        return ApiResponse {};
    };
    job.done = [done = std::move(done), result](const ApiResult &outcome) mutable {
        const auto *error = std::get_if<ApiError>(&outcome);
        done(std::move(*result), error ? error->message : QString());
    };
    worker.submit(std::move(job));
}

} // namespace sb
