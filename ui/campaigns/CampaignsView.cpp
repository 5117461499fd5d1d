#include "CampaignsView.h"

#include "CampaignAnalyticsPanel.h"
#include "CampaignCommands.h"
#include "CampaignEditorDialog.h"
#include "CampaignLaunchDialog.h"
#include "CampaignListModel.h"
#include "CampaignQueries.h"
#include "common/WorkerQuery.h"
#include "domain/Campaign.h"
#include "domain/EventBus.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sb {

namespace {

constexpr int coalesceMs = 250; // live events are folded into one reload at most this often
constexpr int pollMs = 1000; // while a campaign runs: recipients move without events of their own
constexpr int idlePollMs = 5000; // otherwise, while shown: campaigns created or edited over the API

QStringList countKeys()
{
    auto keys = recipientStateNames();
    keys.append(QStringLiteral("skippedDoNotContact"));
    return keys;
}

} // namespace

CampaignsView::CampaignsView(Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
    , m_runtime(runtime)
{
    m_model = new CampaignListModel(this);
    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(coalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &CampaignsView::refresh);
    m_poll = new QTimer(this);
    m_poll->setInterval(pollMs);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (m_poll->interval() == pollMs || isVisible())
            scheduleRefresh();
    });
    m_poll->start(idlePollMs);

    auto *top = new QHBoxLayout;
    auto *heading = new QLabel(tr("Campaigns"), this);
    auto font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    heading->setFont(font);
    top->addWidget(heading);
    top->addSpacing(16);
    top->addWidget(new QLabel(tr("State"), this));
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("campaignStateFilter"));
    m_stateFilter->addItem(tr("All"), QString());
    for (const auto &name : campaignStateNames())
        m_stateFilter->addItem(CampaignLabels::state(name), name);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &CampaignsView::refresh);
    top->addWidget(m_stateFilter);
    top->addStretch(1);
    auto *create = new QPushButton(tr("New campaign…"), this);
    create->setObjectName(QStringLiteral("newCampaign"));
    connect(create, &QPushButton::clicked, this, &CampaignsView::newCampaign);
    top->addWidget(create);

    m_pages = new QStackedWidget(this);
    // Page 0: nothing yet.
    auto *empty = new QWidget(m_pages);
    auto *emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch(1);
    auto *emptyTitle = new QLabel(tr("No campaigns yet"), empty);
    emptyTitle->setObjectName(QStringLiteral("campaignsEmpty"));
    auto titleFont = emptyTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    emptyTitle->setFont(titleFont);
    emptyTitle->setAlignment(Qt::AlignCenter);
    auto *emptyText
        = new QLabel(tr("A campaign sends one SMS or email template to the leads an audience "
                        "selects, at the pace you choose. Create one, preview it for a lead, then "
                        "launch it."),
            empty);
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setMaximumWidth(520);
    auto *emptyButton = new QPushButton(tr("New campaign…"), empty);
    emptyButton->setObjectName(QStringLiteral("emptyNewCampaign"));
    connect(emptyButton, &QPushButton::clicked, this, &CampaignsView::newCampaign);
    emptyLayout->addWidget(emptyTitle);
    emptyLayout->addWidget(emptyText, 0, Qt::AlignHCenter);
    emptyLayout->addSpacing(8);
    emptyLayout->addWidget(emptyButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_pages->addWidget(empty);
    // Page 1: the list and the selected campaign.
    auto *splitter = new QSplitter(Qt::Vertical, m_pages);
    splitter->addWidget(buildList());
    splitter->addWidget(buildDetail());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_pages->addWidget(splitter);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);

    auto &bus = runtime.bus();
    connect(
        &bus, &EventBus::eventsPublished, this,
        [this](const QList<DomainEvent> &events) {
            for (const auto &event : events) {
                if (event.type.startsWith(QLatin1String("campaign."))
                    || event.type.startsWith(QLatin1String("message."))) {
                    scheduleRefresh();
                    return;
                }
            }
        },
        Qt::QueuedConnection);
    connect(
        &bus, &EventBus::eventsLogged, this,
        [this](const QList<StreamEvent> &events) {
            for (const auto &event : events) {
                if (event.topic == QLatin1String("campaigns")) {
                    scheduleRefresh();
                    return;
                }
            }
        },
        Qt::QueuedConnection);
    updateDetail();
    refresh();
}

QWidget *CampaignsView::buildList()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("campaignTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setItemDelegateForColumn(
        CampaignListModel::ProgressColumn, new CampaignProgressDelegate(m_table));
    auto *header = m_table->horizontalHeader();
    header->setSectionResizeMode(CampaignListModel::NameColumn, QHeaderView::Stretch);
    header->resizeSection(CampaignListModel::ChannelColumn, 200);
    header->resizeSection(CampaignListModel::StateColumn, 100);
    header->resizeSection(CampaignListModel::ProgressColumn, 180);
    header->resizeSection(CampaignListModel::RecipientsColumn, 90);
    header->resizeSection(CampaignListModel::CreatedColumn, 140);
    header->resizeSection(CampaignListModel::StartedColumn, 140);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &CampaignsView::updateDetail);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_edit->isEnabled())
            editSelected();
    });
    return m_table;
}

QWidget *CampaignsView::buildDetail()
{
    auto *detail = new QWidget(this);
    auto *layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    m_title = new QLabel(detail);
    m_title->setObjectName(QStringLiteral("campaignTitle"));
    auto font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_title->setFont(font);
    m_subtitle = new QLabel(detail);
    m_subtitle->setObjectName(QStringLiteral("campaignSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    const auto button = [this, detail, header](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, detail);
        b->setObjectName(name);
        header->addWidget(b);
        return b;
    };
    m_edit = button(tr("Edit…"), QStringLiteral("editCampaign"));
    m_launch = button(tr("Launch…"), QStringLiteral("launchCampaign"));
    m_pause = button(tr("Pause"), QStringLiteral("pauseCampaign"));
    m_resume = button(tr("Resume"), QStringLiteral("resumeCampaign"));
    m_cancel = button(tr("Cancel campaign"), QStringLiteral("cancelCampaign"));
    m_delete = button(tr("Delete"), QStringLiteral("deleteCampaign"));
    connect(m_edit, &QPushButton::clicked, this, &CampaignsView::editSelected);
    connect(m_launch, &QPushButton::clicked, this, &CampaignsView::launchSelected);
    connect(m_pause, &QPushButton::clicked, this, [this] { act(QStringLiteral("pause")); });
    connect(m_resume, &QPushButton::clicked, this, [this] { act(QStringLiteral("resume")); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!isVisible()
            || QMessageBox::question(this, tr("Cancel campaign"),
                   tr("Cancel “%1”? Recipients not sent to yet will not be.").arg(m_title->text()))
                == QMessageBox::Yes)
            act(QStringLiteral("cancel"));
    });
    connect(m_delete, &QPushButton::clicked, this, &CampaignsView::removeSelected);
    layout->addLayout(header);
    m_message = new QLabel(detail);
    m_message->setObjectName(QStringLiteral("campaignMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    m_tabs = new QTabWidget(detail);
    m_tabs->setObjectName(QStringLiteral("campaignTabs"));
    m_tabs->addTab(buildProgressTab(), tr("Progress"));
    // In a scroll area: the funnel and the chart need room, which must not come out of the list.
    auto *analyticsScroll = new QScrollArea(m_tabs);
    analyticsScroll->setWidgetResizable(true);
    analyticsScroll->setFrameShape(QFrame::NoFrame);
    m_analytics = new CampaignAnalyticsPanel(m_runtime, analyticsScroll);
    m_analytics->setObjectName(QStringLiteral("campaignAnalytics"));
    analyticsScroll->setWidget(m_analytics);
    m_tabs->addTab(analyticsScroll, tr("Analytics"));
    layout->addWidget(m_tabs, 1);
    return detail;
}

QWidget *CampaignsView::buildProgressTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    m_progress = new QProgressBar(tab);
    m_progress->setObjectName(QStringLiteral("campaignProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progressText = new QLabel(tab);
    m_progressText->setObjectName(QStringLiteral("campaignProgressText"));
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    const auto keys = countKeys();
    for (int i = 0; i < keys.size(); ++i) {
        const auto &key = keys.at(i);
        auto *name = new QLabel(CampaignLabels::recipientState(key), tab);
        name->setForegroundRole(QPalette::PlaceholderText);
        auto *value = new QLabel(QStringLiteral("0"), tab);
        value->setObjectName(QStringLiteral("count_") + key);
        auto font = value->font();
        font.setPointSizeF(font.pointSizeF() * 1.3);
        font.setBold(true);
        value->setFont(font);
        const int column = i % 5;
        const int row = (i / 5) * 2;
        grid->addWidget(name, row, column);
        grid->addWidget(value, row + 1, column);
        m_counts.insert(key, value);
    }
    layout->addLayout(grid);
    layout->addStretch(1);
    return tab;
}

void CampaignsView::scheduleRefresh()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void CampaignsView::refresh()
{
    if (m_loading) {
        m_again = true;
        return;
    }
    m_loading = true;
    runOnWorker(
        m_runtime.reader(), this,
        [state = m_stateFilter->currentData().toString()](
            SqlContext &sql) { return CampaignQueries::campaigns(sql, state); },
        [this](QList<QJsonObject> campaigns, const QString &error) {
            m_loading = false;
            if (error.isEmpty())
                showCampaigns(campaigns);
            else
                showMessage(tr("Could not read the campaigns: %1").arg(error), true);
            if (m_again) {
                m_again = false;
                scheduleRefresh();
            }
            Q_EMIT loaded();
        });
}

void CampaignsView::showCampaigns(const QList<QJsonObject> &campaigns)
{
    const auto selected = m_wantSelected > 0 ? m_wantSelected : selectedId();
    m_model->setCampaigns(campaigns);
    const bool filtered = !m_stateFilter->currentData().toString().isEmpty();
    m_pages->setCurrentIndex(campaigns.isEmpty() && !filtered ? 0 : 1);
    bool active = false;
    for (const auto &campaign : campaigns) {
        const auto state = campaignStateFromName(campaign.value(QStringLiteral("state")).toString());
        active = active || state == CampaignState::Running || state == CampaignState::Scheduled;
    }
    const int interval = active ? pollMs : idlePollMs;
    if (m_poll->interval() != interval)
        m_poll->start(interval);
    const int row = selected > 0 ? m_model->rowOf(selected) : -1;
    if (row >= 0) {
        m_wantSelected = 0;
        if (m_table->currentIndex().row() != row)
            m_table->selectRow(row);
    } else if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0) {
        m_table->selectRow(0);
    }
    updateDetail();
}

bool CampaignsView::selectCampaign(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0) {
        m_wantSelected = id;
        return false;
    }
    m_table->selectRow(row);
    updateDetail();
    return true;
}

qint64 CampaignsView::selectedId() const
{
    const auto index = m_table->currentIndex();
    return index.isValid() ? m_model->campaign(index.row()).value(QStringLiteral("id")).toInteger() : 0;
}

QJsonObject CampaignsView::selectedCampaign() const
{
    const auto index = m_table->currentIndex();
    return index.isValid() ? m_model->campaign(index.row()) : QJsonObject();
}

qint64 CampaignsView::shownCount(const QString &state) const
{
    const auto *label = m_counts.value(state);
    return label ? label->text().toLongLong() : -1;
}

QString CampaignsView::message() const
{
    return m_message->text();
}

void CampaignsView::updateDetail()
{
    const auto campaign = selectedCampaign();
    const bool any = !campaign.isEmpty();
    const auto state = campaignStateFromName(campaign.value(QStringLiteral("state")).toString());
    const auto allowed = [&](CampaignAction action) {
        return any && state && campaignTransition(*state, action).has_value();
    };
    m_edit->setEnabled(any && state && campaignEditable(*state));
    m_launch->setEnabled(allowed(CampaignAction::Execute) || allowed(CampaignAction::Schedule));
    m_pause->setEnabled(allowed(CampaignAction::Pause));
    m_resume->setEnabled(allowed(CampaignAction::Resume));
    m_cancel->setEnabled(allowed(CampaignAction::Cancel));
    m_delete->setEnabled(any && state && campaignDeletable(*state));
    m_tabs->setEnabled(any);
    if (!any) {
        m_title->setText(tr("No campaign selected"));
        m_subtitle->clear();
        m_progress->setValue(0);
        m_progressText->clear();
        for (auto *label : std::as_const(m_counts))
            label->setText(QStringLiteral("0"));
        return;
    }
    m_title->setText(campaign.value(QStringLiteral("name")).toString());
    const auto shownId = campaign.value(QStringLiteral("id")).toInteger();
    if (shownId != m_analyticsId) {
        m_analyticsId = shownId;
        m_analytics->showCampaign(shownId);
    }
    const auto channel = campaign.value(QStringLiteral("channel")).toString();
    auto service = campaign.value(QStringLiteral("serviceName")).toString();
    const auto throttle = campaign.value(QStringLiteral("throttlePerMinute")).toInteger();
    QStringList parts {CampaignLabels::state(campaign.value(QStringLiteral("state")).toString()),
        service.isEmpty() ? CampaignLabels::channel(channel)
                          : QStringLiteral("%1 · %2").arg(CampaignLabels::channel(channel), service),
        throttle > 0 ? tr("%1 per minute").arg(throttle) : tr("no throttle")};
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    const auto progress = campaign.value(QStringLiteral("progress")).toObject();
    const auto total = progress.value(QStringLiteral("total")).toInteger();
    const int perMille = CampaignListModel::progressPerMille(progress);
    m_progress->setValue(std::max(0, perMille));
    if (total > 0)
        m_progressText->setText(tr("%1 of %2 recipients handled (%3 %)")
                                    .arg(total - progress.value(QStringLiteral("queued")).toInteger())
                                    .arg(total)
                                    .arg(perMille / 10));
    else if (campaign.contains(QStringLiteral("audienceCount")))
        m_progressText->setText(
            tr("Not launched yet: the audience selects %1 leads now (%2 do-not-contact excluded).")
                .arg(campaign.value(QStringLiteral("audienceCount")).toInteger())
                .arg(campaign.value(QStringLiteral("audienceDoNotContact")).toInteger()));
    else
        m_progressText->setText(tr("No recipients."));
    for (auto it = m_counts.begin(); it != m_counts.end(); ++it)
        it.value()->setText(QString::number(progress.value(it.key()).toInteger()));
}

void CampaignsView::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #d93f3f; }") : QString());
    m_message->setVisible(!text.isEmpty());
}

CampaignEditorDialog *CampaignsView::openEditor(const QJsonObject &campaign)
{
    auto *editor = new CampaignEditorDialog(m_runtime, campaign, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &CampaignEditorDialog::saved, this, [this](qint64 id) {
        m_wantSelected = id;
        showMessage(tr("Campaign saved."), false);
        refresh();
    });
    editor->open();
    return editor;
}

CampaignEditorDialog *CampaignsView::newCampaign()
{
    return openEditor({});
}

CampaignEditorDialog *CampaignsView::editSelected()
{
    const auto campaign = selectedCampaign();
    if (campaign.isEmpty())
        return nullptr;
    return openEditor(campaign);
}

void CampaignsView::launchSelected()
{
    const auto id = selectedId();
    if (id <= 0)
        return;
    const auto serviceName = selectedCampaign().value(QStringLiteral("serviceName")).toString();
    CampaignCommands::call(m_runtime, this, "GET", QStringLiteral("/api/campaigns/%1").arg(id), {},
        [this, id, serviceName](const CampaignAnswer &answer) {
            if (!answer.ok()) {
                showMessage(answer.error, true);
                return;
            }
            auto campaign = answer.json;
            campaign.insert(QStringLiteral("serviceName"), serviceName);
            if (m_launchDialog)
                m_launchDialog->deleteLater();
            m_launchDialog = new CampaignLaunchDialog(campaign, this);
            m_launchDialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(m_launchDialog, &QDialog::accepted, this, [this, id] {
                m_wantSelected = id;
                CampaignCommands::act(
                    m_runtime, this, id, QStringLiteral("execute"), [this](const CampaignAnswer &result) {
                        if (result.ok())
                            showMessage(tr("Campaign launched."), false);
                        else
                            showMessage(result.error, true);
                        refresh();
                        Q_EMIT actionDone(QStringLiteral("execute"), result.ok());
                    });
            });
            connect(m_launchDialog, &QObject::destroyed, this, [this] { m_launchDialog = nullptr; });
            m_launchDialog->open();
            Q_EMIT launchDialogOpened();
        });
}

void CampaignsView::act(const QString &action)
{
    const auto id = selectedId();
    if (id <= 0)
        return;
    CampaignCommands::act(m_runtime, this, id, action, [this, action](const CampaignAnswer &answer) {
        if (answer.ok())
            showMessage(QString(), false);
        else if (answer.conflict)
            showMessage(
                tr("%1 — the campaign changed meanwhile; the list shows its state now.").arg(answer.error),
                true);
        else
            showMessage(answer.error, true);
        refresh();
        Q_EMIT actionDone(action, answer.ok());
    });
}

void CampaignsView::removeSelected()
{
    const auto id = selectedId();
    if (id <= 0)
        return;
    if (isVisible()
        && QMessageBox::question(
               this, tr("Delete campaign"), tr("Delete “%1” and its recipients?").arg(m_title->text()))
            != QMessageBox::Yes)
        return;
    CampaignCommands::remove(m_runtime, this, id, [this](const CampaignAnswer &answer) {
        showMessage(answer.ok() ? tr("Campaign deleted.") : answer.error, !answer.ok());
        refresh();
        Q_EMIT actionDone(QStringLiteral("delete"), answer.ok());
    });
}

} // namespace sb
