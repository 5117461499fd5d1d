#include "RecordingsPage.h"

#include "channels/RecordingFetcher.h"
#include "runtime/Runtime.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb {

namespace {

struct Snapshot
{
    int retentionDays = RecordingRepository::defaultRetentionDays;
    RecordingUsage usage;
    int pruned = 0;
};

} // namespace

RecordingsPage::RecordingsPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_retention = new QSpinBox(this);
    m_retention->setObjectName(QStringLiteral("recordingRetention"));
    m_retention->setRange(0, RecordingRepository::maxRetentionDays);
    m_retention->setValue(RecordingRepository::defaultRetentionDays);
    m_retention->setSuffix(tr(" days"));
    m_retention->setSpecialValueText(tr("Keep forever"));
    m_usage = new QLabel(this);
    m_usage->setObjectName(QStringLiteral("recordingUsage"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("recordingResult"));
    m_result->setWordWrap(true);
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("recordingSave"));
    m_prune = new QPushButton(tr("Prune now"), this);
    m_prune->setObjectName(QStringLiteral("recordingPrune"));
    m_prune->setToolTip(tr("Deletes the recordings older than the retention now"));

    const auto directory
        = QDir::toNativeSeparators(QDir(m_runtime.options().dataDir).filePath(QStringLiteral("recordings")));
    auto *intro = new QLabel(tr("Call recordings are downloaded when the provider reports them and kept in "
                                "%1. Twilio credentials are only sent to the Twilio API host; a recording "
                                "link anywhere else is refused.")
                                 .arg(directory),
        this);
    intro->setWordWrap(true);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Keep recordings for"), m_retention);
    form->addRow(tr("Disk usage"), m_usage);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_prune);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &RecordingsPage::save);
    connect(m_prune, &QPushButton::clicked, this, &RecordingsPage::prune);
    showUsage(0, 0);
}

QString RecordingsPage::usageText(int files, qint64 bytes)
{
    if (files == 0)
        return tr("No recordings stored");
    const auto size = QLocale().formattedDataSize(bytes, 1);
    return files == 1 ? tr("1 recording, %1").arg(size) : tr("%1 recordings, %2").arg(files).arg(size);
}

void RecordingsPage::showUsage(int files, qint64 bytes)
{
    m_usage->setText(usageText(files, bytes));
}

void RecordingsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void RecordingsPage::reload()
{
    auto snapshot = std::make_shared<Snapshot>();
    SqlJob job;
    job.run = [snapshot](SqlContext &context) -> ApiResult {
        snapshot->retentionDays = RecordingRepository::retentionDays(context);
        snapshot->usage = RecordingRepository::usage(context);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, snapshot](const ApiResult &) {
        m_retention->setValue(snapshot->retentionDays);
        showUsage(snapshot->usage.files, snapshot->usage.bytes);
        Q_EMIT loaded();
    };
    m_runtime.reader().submit(std::move(job));
}

void RecordingsPage::save()
{
    const int days = m_retention->value();
    SqlJob job;
    job.run = [days](SqlContext &context) -> ApiResult {
        RecordingRepository::setRetentionDays(context, days);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this](const ApiResult &result) {
        if (const auto *error = std::get_if<ApiError>(&result)) {
            m_result->setText(error->message);
            return;
        }
        m_result->setText(tr("Saved."));
        Q_EMIT saved();
    };
    m_runtime.writer().submit(std::move(job));
}

void RecordingsPage::prune()
{
    m_prune->setEnabled(false);
    auto snapshot = std::make_shared<Snapshot>();
    SqlJob job;
    job.run = [snapshot](SqlContext &context) -> ApiResult {
        snapshot->pruned = RecordingFetcher::prune(context);
        snapshot->retentionDays = RecordingRepository::retentionDays(context);
        snapshot->usage = RecordingRepository::usage(context);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, snapshot](const ApiResult &result) {
        m_prune->setEnabled(true);
        if (const auto *error = std::get_if<ApiError>(&result)) {
            m_result->setText(error->message);
            return;
        }
        showUsage(snapshot->usage.files, snapshot->usage.bytes);
        m_result->setText(snapshot->retentionDays == 0 ? tr("Recordings are kept forever: nothing to prune.")
                : snapshot->pruned == 1
                ? tr("1 recording older than %1 days deleted.").arg(snapshot->retentionDays)
                : tr("%1 recordings older than %2 days deleted.")
                      .arg(snapshot->pruned)
                      .arg(snapshot->retentionDays));
        Q_EMIT pruned(snapshot->pruned);
    };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
