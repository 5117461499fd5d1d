#include "TaskReminders.h"

#include "storage/SqlWorker.h"
#include "storage/TaskRepository.h"

namespace sb {

TaskReminders::TaskReminders(SqlWorker &writer, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TaskReminders::check);
    m_timer.start();
    QTimer::singleShot(0, this, &TaskReminders::check);
}

void TaskReminders::check()
{
    if (m_running)
        return;
    m_running = true;
    SqlJob job;
    job.run = [](SqlContext &context) -> ApiResult {
        TaskRepository::remindDue(context, context.nowMs());
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this](const ApiResult &) { m_running = false; };
    m_writer.submit(std::move(job));
}

} // namespace sb
