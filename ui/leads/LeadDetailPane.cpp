#include "LeadDetailPane.h"

#include "LeadEditDialog.h"
#include "LeadLabels.h"
#include "LeadTimelineTab.h"
#include "channels/EnvironmentServices.h"
#include "channels/OutboundCalls.h"
#include "common/DetailWidgets.h"
#include "common/WorkerQuery.h"
#include "leads/LeadApiRoutes.h"
#include "runtime/Runtime.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm"));
}

using detail::dash;

} // namespace

LeadDetailPane::LeadDetailPane(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_placeholder = detail::placeholderLabel(this);

    auto *content = new QWidget(this);
    m_title = detail::titleLabel(content, QStringLiteral("leadTitle"));
    m_subtitle = new QLabel(content);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_edit = new QPushButton(tr("Edit…"), content);
    m_edit->setObjectName(QStringLiteral("leadEdit"));
    m_edit->setToolTip(
        tr("Change this lead's fields or status; a status change is kept in the status history"));
    connect(m_edit, &QPushButton::clicked, this, &LeadDetailPane::editLead);
    // An ElevenLabs AI-agent call to the lead; disabled with the reason when it cannot be placed.
    m_call = new QPushButton(tr("Call"), content);
    m_call->setObjectName(QStringLiteral("leadCall"));
    m_call->setEnabled(false);
    connect(m_call, &QPushButton::clicked, this, &LeadDetailPane::confirmCall);
    m_delete = new QPushButton(tr("Delete…"), content);
    m_delete->setObjectName(QStringLiteral("leadDelete"));
    m_delete->setToolTip(tr("Archive this lead, or erase all its data (GDPR)"));
    connect(m_delete, &QPushButton::clicked, this, &LeadDetailPane::confirmDelete);
    m_callStatus = new QLabel(content);
    m_callStatus->setObjectName(QStringLiteral("leadCallStatus"));
    m_callStatus->setWordWrap(true);
    m_callStatus->setVisible(false);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    titles->addWidget(m_callStatus);
    header->addLayout(titles, 1);
    header->addWidget(m_call, 0, Qt::AlignTop);
    header->addWidget(m_edit, 0, Qt::AlignTop);
    header->addWidget(m_delete, 0, Qt::AlignTop);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("leadTabs"));
    m_overview = new QLabel(content);
    m_overview->setObjectName(QStringLiteral("leadOverview"));
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overview->setWordWrap(true);
    m_overview->setContentsMargins(8, 8, 8, 8);
    auto *scroll = new QScrollArea(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_overview);
    m_tabs->addTab(scroll, tr("Overview"));
    m_timeline = new LeadTimelineTab(runtime, content);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_contacts = list(
        QStringLiteral("leadContacts"), {tr("Name"), tr("Email"), tr("Phone"), tr("Role"), tr("Added")});
    m_tabs->addTab(m_contacts, tr("Contacts"));
    m_memos = list(QStringLiteral("leadMemos"), {tr("Added"), tr("Type"), tr("Title"), tr("Memo")});
    m_tabs->addTab(m_memos, tr("Memos"));
    m_activities = list(QStringLiteral("leadActivities"),
        {tr("Added"), tr("Type"), tr("Title"), tr("Scheduled"), tr("Completed"), tr("Outcome")});
    m_tabs->addTab(m_activities, tr("Activities"));
    m_history = list(
        QStringLiteral("leadHistory"), {tr("Changed"), tr("From"), tr("To"), tr("Remarks"), tr("Source")});
    m_tabs->addTab(m_history, tr("Status history"));
    m_profile = new QPlainTextEdit(content);
    m_profile->setObjectName(QStringLiteral("leadProfile"));
    m_profile->setReadOnly(true);
    m_profile->setFont(QFont(QStringLiteral("monospace")));
    m_tabs->addTab(m_profile, tr("Qualified profile"));

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 4, 0, 0);
    contentLayout->addLayout(header);
    contentLayout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    showPlaceholder(tr("Select a lead to see its contacts, memos, activities and status history."));
    updateCallButton();
}

QTreeWidget *LeadDetailPane::list(const QString &objectName, const QStringList &headers)
{
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(objectName);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setWordWrap(true);
    tree->header()->setStretchLastSection(true);
    return tree;
}

void LeadDetailPane::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentIndex(0);
}

QString LeadDetailPane::callUnavailableReason() const
{
    if (!environmentService(ServiceProvider::ElevenLabs, m_runtime.options().environment))
        return tr("ElevenLabs is not configured: set ELEVENLABS_API_KEY, ELEVENLABS_AGENT_ID and "
                  "ELEVENLABS_AGENT_PHONE_NUMBER_ID to place AI-agent calls");
    if (!m_detail)
        return tr("Select a lead to call");
    if (m_detail->doNotContact)
        return m_detail->doNotContactReason.isEmpty()
            ? tr("This lead is marked do-not-contact")
            : tr("This lead is marked do-not-contact (%1)").arg(m_detail->doNotContactReason);
    if (m_detail->lead.phone.trimmed().isEmpty())
        return tr("This lead has no phone number");
    return {};
}

void LeadDetailPane::updateCallButton()
{
    const auto reason = callUnavailableReason();
    m_call->setEnabled(reason.isEmpty() && !m_calling);
    m_call->setToolTip(reason.isEmpty()
            ? tr("Place an ElevenLabs AI-agent call to %1; the agent gets the lead's "
                 "name and recent history")
                  .arg(m_detail->lead.phone)
            : reason);
}

void LeadDetailPane::confirmCall()
{
    if (!m_detail || !callUnavailableReason().isEmpty())
        return;
    const auto &lead = m_detail->lead;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Call lead"),
        tr("Place an AI-agent call to %1 at %2?")
            .arg(lead.name().isEmpty() ? tr("lead #%1").arg(lead.id) : lead.name(), lead.phone),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("leadCallConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Yes)->setText(tr("Call"));
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            placeCall();
    });
    box->open();
}

void LeadDetailPane::placeCall()
{
    if (!m_detail || m_calling)
        return;
    CallRequest call;
    call.leadId = m_detail->lead.id;
    const auto &options = m_runtime.options();
    m_calling = true;
    updateCallButton();
    m_callStatus->setText(tr("Placing the call…"));
    m_callStatus->setForegroundRole(QPalette::PlaceholderText);
    m_callStatus->setVisible(true);
    SqlJob job;
    job.replyContext = this;
    job.run = [call, region = options.phoneRegion, environment = options.environment](
                  SqlContext &sql) { return OutboundCalls::queue(sql, call, region, environment); };
    job.done = [this](const ApiResult &outcome) {
        m_calling = false;
        updateCallButton();
        if (const auto *error = std::get_if<ApiError>(&outcome)) {
            m_callStatus->setText(tr("The call was not placed: %1").arg(error->message));
            m_callStatus->setStyleSheet(QStringLiteral("color: #d93f3f"));
            Q_EMIT callRefused(error->message);
            return;
        }
        const auto &response = std::get<ApiResponse>(outcome);
        const auto answer = QJsonDocument::fromJson(response.body).object();
        m_callStatus->setStyleSheet(QString());
        m_callStatus->setText(tr("Call queued: it appears in the lead's voice thread under Conversations."));
        Q_EMIT callQueued(answer.value(QStringLiteral("callId")).toInteger());
    };
    m_runtime.writer().submit(std::move(job));
}

void LeadDetailPane::load(qint64 id)
{
    if (id != m_id)
        m_callStatus->setVisible(false); // the last call's outcome belongs to the last lead
    m_id = id;
    m_timeline->showLead(id);
    const int request = ++m_request;
    if (id <= 0) {
        m_detail.reset();
        showPlaceholder(tr("Select a lead to see its contacts, memos, activities and status history."));
        return;
    }
    runOnWorker(
        m_runtime.reader(), this, [id](SqlContext &sql) { return LeadQueries::detail(sql, id); },
        [this, request](std::optional<LeadDetail> detail, const QString &error) {
            if (request != m_request)
                return; // another lead was selected meanwhile
            if (!error.isEmpty())
                showPlaceholder(tr("Could not read the lead: %1").arg(error));
            else
                present(std::move(detail));
            Q_EMIT loaded();
        });
}

void LeadDetailPane::present(std::optional<LeadDetail> detail)
{
    m_detail = std::move(detail);
    if (!m_detail) {
        showPlaceholder(tr("This lead no longer exists."));
        return;
    }
    const auto &lead = m_detail->lead;
    m_title->setText(lead.name().isEmpty() ? tr("Lead #%1").arg(lead.id) : lead.name());
    QString subtitle = tr("Lead #%1 · %2 · created %3")
                           .arg(lead.id)
                           .arg(LeadLabels::status(lead.status), when(m_detail->createdAtMs));
    if (lead.lifecycle != LeadLifecycle::Active)
        subtitle += QStringLiteral(" · ") + LeadLabels::lifecycle(lead.lifecycle);
    m_subtitle->setText(subtitle);
    m_edit->setEnabled(lead.lifecycle == LeadLifecycle::Active);
    updateCallButton();
    m_edit->setToolTip(m_edit->isEnabled()
            ? tr("Change this lead's fields or status; a status change is kept in the status history")
            : tr("A discarded or converted lead is history and cannot be edited"));

    // Overview: the columns, then every other field the CRM sent (attributes).
    QList<QPair<QString, QString>> rows {
        {tr("Company"), lead.company},
        {tr("Email"), lead.email},
        {tr("Phone"), lead.phone},
        {tr("Status"), LeadLabels::status(lead.status)},
        {tr("Score"), lead.score.isNull() ? QString() : tr("%1 of 100").arg(lead.score.toInt())},
        {tr("Priority"), LeadLabels::priority(lead.priority)},
        {tr("Source"), LeadLabels::source(lead.source)},
        {tr("Expected value"),
            lead.expectedValue.isNull() ? QString()
                                        : QLocale().toString(lead.expectedValue.toDouble(), 'f', 2)},
        {tr("Updated"), when(lead.updatedAtMs)},
    };
    if (!m_detail->discardReason.isEmpty())
        rows.append({tr("Discard reason"), m_detail->discardReason});
    if (!m_detail->lossReason.isEmpty())
        rows.append({tr("Loss reason"), m_detail->lossReason});
    for (auto it = m_detail->attributes.begin(); it != m_detail->attributes.end(); ++it) {
        const auto value = it.value();
        QString text = value.isString() ? value.toString()
            : value.isDouble()          ? QLocale().toString(value.toDouble())
            : value.isBool()
            ? (value.toBool() ? tr("yes") : tr("no"))
            : QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
        rows.append({it.key(), text});
    }
    const auto labelColor = palette().color(QPalette::PlaceholderText).name();
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    for (const auto &[label, value] : rows) {
        html += QStringLiteral("<tr><td style='padding-right:16px; color:%1'>%2</td><td>%3</td></tr>")
                    .arg(labelColor, label.toHtmlEscaped(), dash(value).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    // The score's breakdown: each rule that holds, with its points (README, Lead scoring).
    if (!m_detail->scoreReasons.isEmpty()) {
        html += QStringLiteral(
            "<p style='margin-top:10px'><b>%1</b></p><table cellspacing='0' cellpadding='2'>")
                    .arg(tr("Why this score").toHtmlEscaped());
        for (const auto &line : m_detail->scoreReasons) {
            const auto space = line.indexOf(QLatin1Char(' '));
            const bool negative = !line.startsWith(QLatin1Char('+'));
            html += QStringLiteral("<tr><td align='right' style='padding-right:10px; color:%1'><b>%2</b></td>"
                                   "<td>%3</td></tr>")
                        .arg(negative ? QStringLiteral("#c0392b") : QStringLiteral("#1e8449"),
                            line.left(space).toHtmlEscaped(), line.mid(space + 1).toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    m_overview->setText(html);

    fill(
        m_contacts, m_detail->contacts,
        [this](const LeadDetail::Entry &e) {
            QStringList roleParts;
            for (const auto &part : {e.fields[3], e.fields[4]}) {
                if (!part.isEmpty())
                    roleParts.append(part);
            }
            const auto role = roleParts.join(QStringLiteral(", "));
            const auto name
                = e.fields[5] == QLatin1String("1") ? tr("%1 (primary)").arg(e.fields[0]) : e.fields[0];
            return QStringList {name, e.fields[1], e.fields[2], role, when(e.atMs)};
        },
        tr("Contacts"));
    fill(
        m_memos, m_detail->memos,
        [](const LeadDetail::Entry &e) {
            return QStringList {when(e.atMs), LeadLabels::memoType(e.fields[0]), e.fields[1], e.fields[2]};
        },
        tr("Memos"));
    fill(
        m_activities, m_detail->activities,
        [](const LeadDetail::Entry &e) {
            return QStringList {when(e.atMs), LeadLabels::activityType(e.fields[0]), e.fields[1], e.fields[3],
                e.fields[4], e.fields[5]};
        },
        tr("Activities"));
    fill(
        m_history, m_detail->history,
        [](const LeadDetail::Entry &e) {
            return QStringList {when(e.atMs),
                e.fields[0].isEmpty() ? QStringLiteral("–") : LeadLabels::status(e.fields[0]),
                LeadLabels::status(e.fields[1]), e.fields[2], e.fields[4]};
        },
        tr("Status history"));
    if (m_detail->qualifiedProfile)
        m_profile->setPlainText(
            QString::fromUtf8(QJsonDocument(*m_detail->qualifiedProfile).toJson(QJsonDocument::Indented)));
    else
        m_profile->setPlainText(
            tr("No qualified profile yet. The CRM sends one with lead_qualified_profile_update."));
    m_stack->setCurrentIndex(1);
}

void LeadDetailPane::fill(QTreeWidget *list, const std::vector<LeadDetail::Entry> &entries,
    const std::function<QStringList(const LeadDetail::Entry &)> &columns, const QString &title)
{
    list->clear();
    for (const auto &entry : entries) {
        auto *item = new QTreeWidgetItem(list, columns(entry));
        for (int column = 0; column < item->columnCount(); ++column)
            item->setToolTip(column, item->text(column));
    }
    m_tabs->setTabText(
        m_tabs->indexOf(list), entries.empty() ? title : tr("%1 (%2)").arg(title).arg(entries.size()));
    for (int column = 0; column + 1 < list->columnCount(); ++column)
        list->resizeColumnToContents(column);
}

void LeadDetailPane::editLead()
{
    if (!m_detail)
        return;
    auto *dialog = new LeadEditDialog(*m_detail, m_runtime.writer(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The table and this pane follow the lead.* events the save raises; nothing to do here.
    dialog->open();
}

void LeadDetailPane::confirmDelete()
{
    if (!m_detail)
        return;
    const auto &lead = m_detail->lead;
    const auto name = lead.name().isEmpty() ? tr("lead #%1").arg(lead.id) : lead.name();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete lead"),
        tr("Archive %1, or erase all of its data?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("leadDeleteChoice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Archiving keeps everything and hides the lead from the lists. Erasing "
                               "cannot be undone."));
    auto *archive = box->addButton(tr("Archive"), QMessageBox::AcceptRole);
    archive->setObjectName(QStringLiteral("leadArchive"));
    auto *erase = box->addButton(tr("Erase all data (GDPR)…"), QMessageBox::DestructiveRole);
    erase->setObjectName(QStringLiteral("leadErase"));
    box->setDefaultButton(archive);
    connect(box, &QMessageBox::buttonClicked, this, [this, archive, erase, name](QAbstractButton *button) {
        if (button == archive) {
            deleteLead(false);
            return;
        }
        if (button != erase)
            return;
        auto *confirm = new QMessageBox(QMessageBox::Warning, tr("Erase all data"),
            tr("Erase %1 and every trace of it? This cannot be undone.").arg(name), QMessageBox::Cancel,
            this);
        confirm->setObjectName(QStringLiteral("leadEraseConfirm"));
        confirm->setAttribute(Qt::WA_DeleteOnClose);
        confirm->setInformativeText(
            tr("Deleted: the lead, its contacts, memos, activities, status history and qualified profile; "
               "its conversations, messages, calls and recordings' records and queued sends; the pre-lead it "
               "came from and the customer made from it (with orders and payments) unless another lead "
               "refers to them; the received webhook requests that carried its data, the webhooks and relays "
               "sent about it with their attempts, and its entries in the event log.\n\n"
               "Kept and listed afterwards: received requests that also concern another lead, and requests "
               "that mention its email or phone but cannot be linked to it. Webhooks already delivered "
               "cannot be called back; a lead.deleted event with only its id goes out."));
        auto *go = confirm->addButton(tr("Erase"), QMessageBox::DestructiveRole);
        go->setObjectName(QStringLiteral("leadEraseGo"));
        confirm->setDefaultButton(QMessageBox::Cancel);
        connect(confirm, &QMessageBox::buttonClicked, this, [this, go](QAbstractButton *clicked) {
            if (clicked == go)
                deleteLead(true);
        });
        confirm->open();
    });
    box->open();
}

void LeadDetailPane::notify(QMessageBox::Icon icon, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("leadDeleteOutcome"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void LeadDetailPane::deleteLead(bool erase)
{
    if (!m_detail)
        return;
    const auto id = m_detail->lead.id;
    SqlJob job;
    job.replyContext = this;
    job.run
        = [id, erase](SqlContext &sql) { return sb::deleteLead(sql, id, erase, QStringLiteral("console")); };
    job.done = [this, id, erase](const ApiResult &outcome) {
        if (const auto *error = std::get_if<ApiError>(&outcome)) {
            notify(QMessageBox::Warning, tr("Delete lead"), error->message);
            Q_EMIT deleteFailed(error->message);
            return;
        }
        const auto *response = std::get_if<ApiResponse>(&outcome);
        const auto answer = response ? QJsonDocument::fromJson(response->body).object() : QJsonObject();
        if (erase) {
            const auto retained = answer.value(QStringLiteral("retained")).toObject();
            const auto shared = retained.value(QStringLiteral("shared_inbound_requests")).toArray().size();
            const auto unlinked
                = retained.value(QStringLiteral("unlinked_inbound_requests")).toArray().size();
            if (shared + unlinked > 0) {
                notify(QMessageBox::Information, tr("Lead erased"),
                    tr("The lead's data was erased. Kept for review in the inbound log: %1 request(s) that "
                       "also "
                       "concern another lead, %2 that mention its email or phone but are not linked to it.")
                        .arg(shared)
                        .arg(unlinked));
            }
        }
        Q_EMIT leadDeleted(id, erase, answer);
    };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
