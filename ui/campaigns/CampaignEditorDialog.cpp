#include "CampaignEditorDialog.h"

#include "CampaignCommands.h"
#include "CampaignContentDialog.h"
#include "CampaignListModel.h"
#include "common/WorkerQuery.h"
#include "domain/Campaign.h"
#include "leads/LeadLabels.h"
#include "runtime/Runtime.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb {

namespace {

constexpr int debounceMs = 300;
constexpr int sampleLeads = 200;

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("QLabel { color: #d93f3f; }"));
    label->hide();
    return label;
}

QString systemZoneId()
{
    return QString::fromUtf8(QTimeZone::systemTimeZoneId());
}

} // namespace

CampaignEditorDialog::CampaignEditorDialog(Runtime &runtime, const QJsonObject &campaign, QWidget *parent)
    : QDialog(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("campaignEditor"));
    m_id = campaign.value(QStringLiteral("id")).toInteger();
    setWindowTitle(m_id > 0 ? tr("Edit campaign") : tr("New campaign"));
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &CampaignEditorDialog::count);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(buildForm());
    left->addWidget(buildAudience());
    columns->addLayout(left, 3);
    columns->addWidget(buildPreview(), 2);

    m_error = errorLabel(QStringLiteral("saveError"), this);
    auto *buttons = new QDialogButtonBox(this);
    m_save
        = buttons->addButton(m_id > 0 ? tr("Save changes") : tr("Save draft"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveCampaign"));
    m_save->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_save, &QPushButton::clicked, this, &CampaignEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(1100, 720);

    load(campaign);
    channelChanged();
    templateChanged();
    loadServices();
}

QWidget *CampaignEditorDialog::buildForm()
{
    auto *box = new QGroupBox(tr("Message"), this);
    auto *form = new QFormLayout(box);
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("campaignName"));
    m_name->setPlaceholderText(tr("e.g. Spring offer"));
    form->addRow(tr("Name"), m_name);

    m_channel = new QComboBox(box);
    m_channel->setObjectName(QStringLiteral("campaignChannel"));
    m_channel->addItem(CampaignLabels::channel(QStringLiteral("sms")), QStringLiteral("sms"));
    m_channel->addItem(CampaignLabels::channel(QStringLiteral("email")), QStringLiteral("email"));
    m_service = new QComboBox(box);
    m_service->setObjectName(QStringLiteral("campaignService"));
    auto *channelRow = new QHBoxLayout;
    channelRow->addWidget(m_channel);
    channelRow->addWidget(new QLabel(tr("through"), box));
    channelRow->addWidget(m_service, 1);
    form->addRow(tr("Channel"), channelRow);

    m_subjectLabel = new QLabel(tr("Subject"), box);
    m_subject = new QLineEdit(box);
    m_subject->setObjectName(QStringLiteral("campaignSubject"));
    form->addRow(m_subjectLabel, m_subject);

    m_body = new QPlainTextEdit(box);
    m_body->setObjectName(QStringLiteral("campaignBody"));
    m_body->setPlaceholderText(tr("Hi {first_name|there}, …"));
    m_body->setMinimumHeight(110);
    form->addRow(tr("Body"), m_body);

    auto *placeholders = new QHBoxLayout;
    placeholders->setSpacing(4);
    auto *insertLabel = new QLabel(tr("Insert:"), box);
    insertLabel->setToolTip(tr("Add a fallback after a bar for leads without a value: {first_name|there}"));
    placeholders->addWidget(insertLabel);
    for (const auto &name : CampaignTemplate::placeholders()) {
        auto *button = new QToolButton(box);
        button->setObjectName(QStringLiteral("placeholder_") + name);
        button->setText(QLatin1Char('{') + name + QLatin1Char('}'));
        button->setAutoRaise(true);
        connect(button, &QToolButton::clicked, this, [this, name] { insertPlaceholder(name); });
        placeholders->addWidget(button);
    }
    placeholders->addStretch(1);
    auto *writeWithAi = new QPushButton(tr("Write with AI…"), box);
    writeWithAi->setObjectName(QStringLiteral("campaignWriteWithAi"));
    writeWithAi->setToolTip(
        tr("Subject and body variants from a brief, by the AI configured in Settings → AI"));
    connect(writeWithAi, &QPushButton::clicked, this, &CampaignEditorDialog::openWriteWithAi);
    placeholders->addWidget(writeWithAi);
    form->addRow(QString(), placeholders);
    m_templateError = errorLabel(QStringLiteral("templateError"), box);
    form->addRow(QString(), m_templateError);

    m_throttle = new QSpinBox(box);
    m_throttle->setObjectName(QStringLiteral("campaignThrottle"));
    m_throttle->setRange(0, 60000);
    m_throttle->setSpecialValueText(tr("As fast as possible"));
    m_throttle->setSuffix(tr(" per minute"));
    m_throttle->setValue(60);
    form->addRow(tr("Throttle"), m_throttle);

    m_now = new QRadioButton(tr("When launched"), box);
    m_now->setObjectName(QStringLiteral("scheduleNow"));
    m_at = new QRadioButton(tr("At"), box);
    m_at->setObjectName(QStringLiteral("scheduleAt"));
    auto *group = new QButtonGroup(box);
    group->addButton(m_now);
    group->addButton(m_at);
    m_now->setChecked(true);
    m_when = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), box);
    m_when->setObjectName(QStringLiteral("campaignScheduledAt"));
    m_when->setCalendarPopup(true);
    m_when->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_when->setEnabled(false);
    connect(m_at, &QRadioButton::toggled, m_when, &QWidget::setEnabled);
    auto *zone = new QLabel(tr("(%1)").arg(systemZoneId()), box);
    zone->setObjectName(QStringLiteral("scheduleZone"));
    auto *scheduleRow = new QHBoxLayout;
    scheduleRow->addWidget(m_now);
    scheduleRow->addWidget(m_at);
    scheduleRow->addWidget(m_when);
    scheduleRow->addWidget(zone);
    scheduleRow->addStretch(1);
    form->addRow(tr("Send"), scheduleRow);

    m_subject->installEventFilter(this);
    m_body->installEventFilter(this);
    m_lastTemplateField = m_body;
    connect(m_channel, &QComboBox::currentIndexChanged, this, &CampaignEditorDialog::channelChanged);
    connect(m_subject, &QLineEdit::textChanged, this, &CampaignEditorDialog::templateChanged);
    connect(m_body, &QPlainTextEdit::textChanged, this, &CampaignEditorDialog::templateChanged);
    return box;
}

QToolButton *CampaignEditorDialog::multiSelect(
    const QString &objectName, const QList<std::pair<QString, QString>> &choices)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *menu = new QMenu(button);
    for (const auto &[name, label] : choices) {
        auto *action = menu->addAction(label);
        action->setCheckable(true);
        action->setData(name);
        connect(action, &QAction::toggled, this, [this, button] {
            updateMultiSelectText(button);
            scheduleCount();
        });
    }
    button->setMenu(menu);
    updateMultiSelectText(button);
    return button;
}

QStringList CampaignEditorDialog::checked(const QToolButton *button)
{
    QStringList names;
    for (const auto *action : button->menu()->actions()) {
        if (action->isChecked())
            names.append(action->data().toString());
    }
    return names;
}

void CampaignEditorDialog::updateMultiSelectText(QToolButton *button)
{
    QStringList labels;
    for (const auto *action : button->menu()->actions()) {
        if (action->isChecked())
            labels.append(action->text());
    }
    button->setText(labels.isEmpty() ? tr("Any") : labels.join(QStringLiteral(", ")));
}

QWidget *CampaignEditorDialog::buildAudience()
{
    auto *box = new QGroupBox(tr("Audience"), this);
    auto *form = new QFormLayout(box);
    QList<std::pair<QString, QString>> statuses, priorities;
    for (const auto status : allLeadStatuses())
        statuses.append({leadStatusName(status), LeadLabels::status(status)});
    for (const auto priority : allLeadPriorities())
        priorities.append({leadPriorityName(priority), LeadLabels::priority(priority)});
    m_status = multiSelect(QStringLiteral("audienceStatus"), statuses);
    form->addRow(tr("Status"), m_status);
    m_source = multiSelect(QStringLiteral("audienceSource"), {});
    form->addRow(tr("Source"), m_source);
    m_priority = multiSelect(QStringLiteral("audiencePriority"), priorities);
    form->addRow(tr("Priority"), m_priority);

    const auto dateRow = [this, box](QCheckBox **on, QDateEdit **date, const QString &name) {
        *on = new QCheckBox(box);
        (*on)->setObjectName(name + QStringLiteral("On"));
        *date = new QDateEdit(QDate::currentDate(), box);
        (*date)->setObjectName(name);
        (*date)->setCalendarPopup(true);
        (*date)->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        (*date)->setEnabled(false);
        connect(*on, &QCheckBox::toggled, *date, &QWidget::setEnabled);
        connect(*on, &QCheckBox::toggled, this, &CampaignEditorDialog::scheduleCount);
        connect(*date, &QDateEdit::dateChanged, this, &CampaignEditorDialog::scheduleCount);
        auto *row = new QHBoxLayout;
        row->addWidget(*on);
        row->addWidget(*date, 1);
        return row;
    };
    form->addRow(
        tr("Created on or after"), dateRow(&m_afterOn, &m_after, QStringLiteral("audienceCreatedAfter")));
    form->addRow(
        tr("Created before"), dateRow(&m_beforeOn, &m_before, QStringLiteral("audienceCreatedBefore")));
    const auto flag = [this, box](const QString &name) {
        auto *combo = new QComboBox(box);
        combo->setObjectName(name);
        combo->addItem(tr("Any"));
        combo->addItem(tr("Yes"), true);
        combo->addItem(tr("No"), false);
        connect(combo, &QComboBox::currentIndexChanged, this, &CampaignEditorDialog::scheduleCount);
        return combo;
    };
    m_hasPhone = flag(QStringLiteral("audienceHasPhone"));
    m_hasEmail = flag(QStringLiteral("audienceHasEmail"));
    auto *flags = new QHBoxLayout;
    flags->addWidget(new QLabel(tr("Has phone"), box));
    flags->addWidget(m_hasPhone);
    flags->addSpacing(12);
    flags->addWidget(new QLabel(tr("Has email"), box));
    flags->addWidget(m_hasEmail);
    flags->addStretch(1);
    form->addRow(QString(), flags);
    m_audienceCount = new QLabel(tr("Counting…"), box);
    m_audienceCount->setObjectName(QStringLiteral("audienceCount"));
    auto font = m_audienceCount->font();
    font.setBold(true);
    m_audienceCount->setFont(font);
    m_audienceCount->setToolTip(
        tr("Leads the audience selects that have an address on the channel; do-not-contact leads are never "
           "sent to"));
    form->addRow(tr("Recipients"), m_audienceCount);
    return box;
}

QWidget *CampaignEditorDialog::buildPreview()
{
    auto *box = new QGroupBox(tr("Preview"), this);
    auto *layout = new QVBoxLayout(box);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("For lead"), box));
    m_previewLead = new QComboBox(box);
    m_previewLead->setObjectName(QStringLiteral("previewLead"));
    m_previewLead->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    row->addWidget(m_previewLead, 1);
    layout->addLayout(row);
    m_previewSubject = new QLabel(box);
    m_previewSubject->setObjectName(QStringLiteral("previewSubject"));
    m_previewSubject->setWordWrap(true);
    m_previewSubject->setTextFormat(Qt::PlainText);
    auto font = m_previewSubject->font();
    font.setBold(true);
    m_previewSubject->setFont(font);
    layout->addWidget(m_previewSubject);
    m_previewBody = new QPlainTextEdit(box);
    m_previewBody->setObjectName(QStringLiteral("previewBody"));
    m_previewBody->setReadOnly(true);
    layout->addWidget(m_previewBody, 1);
    auto *hint = new QLabel(tr("Rendered as the campaign sends it: a lead without a value gets the "
                               "placeholder's fallback text."),
        box);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    connect(m_previewLead, &QComboBox::currentIndexChanged, this, &CampaignEditorDialog::loadPreviewValues);
    return box;
}

void CampaignEditorDialog::load(const QJsonObject &campaign)
{
    if (campaign.isEmpty())
        return;
    m_name->setText(campaign.value(QStringLiteral("name")).toString());
    m_channel->setCurrentIndex(
        std::max(0, m_channel->findData(campaign.value(QStringLiteral("channel")).toString())));
    m_wantedService = campaign.value(QStringLiteral("serviceId")).toInteger();
    m_subject->setText(campaign.value(QStringLiteral("subject")).toString());
    m_body->setPlainText(campaign.value(QStringLiteral("body")).toString());
    m_throttle->setValue(int(campaign.value(QStringLiteral("throttlePerMinute")).toInteger()));
    const auto scheduled
        = QDateTime::fromString(campaign.value(QStringLiteral("scheduledAt")).toString(), Qt::ISODateWithMs);
    if (scheduled.isValid()) {
        m_at->setChecked(true);
        m_when->setDateTime(scheduled.toLocalTime());
    }
    const auto audience = campaign.value(QStringLiteral("audience")).toObject();
    const auto check = [](QToolButton *button, const QJsonArray &names) {
        for (auto *action : button->menu()->actions())
            action->setChecked(names.contains(action->data().toString()));
    };
    check(m_status, audience.value(QStringLiteral("status")).toArray());
    check(m_priority, audience.value(QStringLiteral("priority")).toArray());
    // Sources: offered even before the list of sources in use arrives.
    for (const auto &source : audience.value(QStringLiteral("source")).toArray()) {
        auto *action = m_source->menu()->addAction(source.toString());
        action->setCheckable(true);
        action->setData(source.toString());
        action->setChecked(true);
        connect(action, &QAction::toggled, this, [this] {
            updateMultiSelectText(m_source);
            scheduleCount();
        });
    }
    updateMultiSelectText(m_source);
    const auto date = [](const QJsonValue &value, QCheckBox *on, QDateEdit *edit) {
        const auto time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!time.isValid())
            return;
        on->setChecked(true);
        edit->setDate(time.toLocalTime().date());
    };
    date(audience.value(QStringLiteral("createdAfter")), m_afterOn, m_after);
    date(audience.value(QStringLiteral("createdBefore")), m_beforeOn, m_before);
    const auto flag = [](const QJsonValue &value, QComboBox *combo) {
        if (value.isBool())
            combo->setCurrentIndex(value.toBool() ? 1 : 2);
    };
    flag(audience.value(QStringLiteral("hasPhone")), m_hasPhone);
    flag(audience.value(QStringLiteral("hasEmail")), m_hasEmail);
}

void CampaignEditorDialog::loadServices()
{
    runOnWorker(
        m_runtime.reader(), this,
        [](SqlContext &sql) {
            return std::make_pair(CampaignQueries::services(sql), CampaignQueries::sources(sql));
        },
        [this](std::pair<QList<CampaignService>, QStringList> result, const QString &) {
            m_services = result.first;
            fillServices();
            m_servicesLoaded = true;
            QStringList present;
            for (const auto *action : m_source->menu()->actions())
                present.append(action->data().toString());
            for (const auto &source : std::as_const(result.second)) {
                if (present.contains(source))
                    continue;
                auto *action = m_source->menu()->addAction(LeadLabels::source(source));
                action->setCheckable(true);
                action->setData(source);
                connect(action, &QAction::toggled, this, [this] {
                    updateMultiSelectText(m_source);
                    scheduleCount();
                });
            }
        });
}

void CampaignEditorDialog::fillServices()
{
    const auto channel = m_channel->currentData().toString();
    // Until the services arrive, the campaign's own one is the one to select.
    const auto previous = m_servicesLoaded ? m_service->currentData().toLongLong() : m_wantedService;
    QSignalBlocker block(m_service);
    m_service->clear();
    m_service->addItem(
        channel == QLatin1String("email") ? tr("Default email service") : tr("Default SMS service"),
        qint64(0));
    for (const auto &service : std::as_const(m_services)) {
        if (service.type == channel)
            m_service->addItem(QStringLiteral("%1 (%2)").arg(service.name, service.provider), service.id);
    }
    m_service->setCurrentIndex(std::max(0, m_service->findData(previous)));
}

void CampaignEditorDialog::channelChanged()
{
    const bool email = m_channel->currentData().toString() == QLatin1String("email");
    m_subject->setVisible(email);
    m_subjectLabel->setVisible(email);
    fillServices();
    templateChanged();
    scheduleCount();
}

void CampaignEditorDialog::templateChanged()
{
    QStringList problems;
    const bool email = m_channel->currentData().toString() == QLatin1String("email");
    if (email) {
        for (const auto &name : CampaignTemplate::unknownPlaceholders(m_subject->text()))
            problems.append(tr("Unknown placeholder {%1} in the subject").arg(name));
    }
    for (const auto &name : CampaignTemplate::unknownPlaceholders(m_body->toPlainText()))
        problems.append(tr("Unknown placeholder {%1} in the body").arg(name));
    if (!problems.isEmpty())
        problems.append(
            tr("Known placeholders: %1").arg(CampaignTemplate::placeholders().join(QStringLiteral(", "))));
    m_templateError->setText(problems.join(QLatin1Char('\n')));
    m_templateError->setVisible(!problems.isEmpty());
    renderPreview();
}

void CampaignEditorDialog::insertPlaceholder(const QString &name)
{
    const QString text = QLatin1Char('{') + name + QLatin1Char('}');
    if (m_lastTemplateField == m_subject && m_subject->isVisible()) {
        m_subject->insert(text);
        m_subject->setFocus();
    } else {
        m_body->insertPlainText(text);
        m_body->setFocus();
    }
}

bool CampaignEditorDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn && (watched == m_subject || watched == m_body))
        m_lastTemplateField = static_cast<QWidget *>(watched);
    return QDialog::eventFilter(watched, event);
}

QJsonObject CampaignEditorDialog::audience() const
{
    QJsonObject audience;
    const auto list = [&audience](const QString &key, const QStringList &names) {
        if (!names.isEmpty())
            audience.insert(key, QJsonArray::fromStringList(names));
    };
    list(QStringLiteral("status"), checked(m_status));
    list(QStringLiteral("source"), checked(m_source));
    list(QStringLiteral("priority"), checked(m_priority));
    // Whole days in the user's time zone.
    if (m_afterOn->isChecked())
        audience.insert(
            QStringLiteral("createdAfter"), m_after->date().startOfDay().toUTC().toString(Qt::ISODate));
    if (m_beforeOn->isChecked())
        audience.insert(
            QStringLiteral("createdBefore"), m_before->date().startOfDay().toUTC().toString(Qt::ISODate));
    if (m_hasPhone->currentIndex() > 0)
        audience.insert(QStringLiteral("hasPhone"), m_hasPhone->currentData().toBool());
    if (m_hasEmail->currentIndex() > 0)
        audience.insert(QStringLiteral("hasEmail"), m_hasEmail->currentData().toBool());
    return audience;
}

QJsonObject CampaignEditorDialog::fields() const
{
    const auto channel = m_channel->currentData().toString();
    QJsonObject fields {{QStringLiteral("name"), m_name->text()}, {QStringLiteral("channel"), channel},
        {QStringLiteral("body"), m_body->toPlainText()}, {QStringLiteral("audience"), audience()},
        {QStringLiteral("throttlePerMinute"), m_throttle->value()}};
    const auto service = m_service->currentData().toLongLong();
    fields.insert(QStringLiteral("serviceId"), service > 0 ? QJsonValue(service) : QJsonValue());
    fields.insert(QStringLiteral("subject"),
        channel == QLatin1String("email") ? QJsonValue(m_subject->text()) : QJsonValue());
    if (m_at->isChecked()) {
        const auto zone = QTimeZone::systemTimeZone();
        const QDateTime at(m_when->date(), QTime(m_when->time().hour(), m_when->time().minute()), zone);
        fields.insert(QStringLiteral("scheduledAt"), at.toString(Qt::ISODate));
        if (QTimeZone(zone.id()).isValid())
            fields.insert(QStringLiteral("timeZone"), QString::fromUtf8(zone.id()));
    } else {
        fields.insert(QStringLiteral("scheduledAt"), QJsonValue());
    }
    return fields;
}

void CampaignEditorDialog::scheduleCount()
{
    m_counting = true;
    m_debounce->start();
}

void CampaignEditorDialog::count()
{
    const int generation = ++m_generation;
    m_counting = true;
    m_audienceCount->setText(tr("Counting…"));
    runOnWorker(
        m_runtime.reader(), this,
        [audience = audience(), channel = m_channel->currentData().toString()](
            SqlContext &sql) { return CampaignQueries::audience(sql, audience, channel, sampleLeads); },
        [this, generation](AudienceSample sample, const QString &error) {
            if (generation != m_generation)
                return; // an older filter's answer
            m_counting = false;
            if (!error.isEmpty()) {
                m_audienceCount->setText(tr("Could not count the audience: %1").arg(error));
                return;
            }
            m_count = sample.count;
            m_audienceCount->setText(
                CampaignLabels::audience(sample.count.eligible, sample.count.doNotContact));
            const auto current = m_wantedLead > 0 ? m_wantedLead : m_previewLead->currentData().toLongLong();
            {
                QSignalBlocker block(m_previewLead);
                m_previewLead->clear();
                for (const auto &[id, name] : std::as_const(sample.leads))
                    m_previewLead->addItem(name, id);
                if (sample.leads.isEmpty())
                    m_previewLead->addItem(tr("No lead matches the audience"), qint64(0));
                m_previewLead->setCurrentIndex(std::max(0, m_previewLead->findData(current)));
            }
            m_wantedLead = 0;
            loadPreviewValues();
            Q_EMIT audienceCounted();
        });
}

bool CampaignEditorDialog::choosePreviewLead(qint64 leadId)
{
    const int index = m_previewLead->findData(leadId);
    if (index < 0) {
        m_wantedLead = leadId;
        return false;
    }
    if (index == m_previewLead->currentIndex())
        loadPreviewValues();
    else
        m_previewLead->setCurrentIndex(index);
    return true;
}

void CampaignEditorDialog::loadPreviewValues()
{
    const auto leadId = m_previewLead->currentData().toLongLong();
    const int generation = ++m_previewGeneration;
    if (leadId <= 0) {
        m_values.clear();
        renderPreview();
        Q_EMIT previewUpdated();
        return;
    }
    runOnWorker(
        m_runtime.reader(), this,
        [leadId](SqlContext &sql) { return CampaignQueries::templateValues(sql, leadId); },
        [this, generation](QHash<QString, QString> values, const QString &) {
            if (generation != m_previewGeneration)
                return;
            m_values = values;
            renderPreview();
            Q_EMIT previewUpdated();
        });
}

void CampaignEditorDialog::renderPreview()
{
    const bool email = m_channel->currentData().toString() == QLatin1String("email");
    m_previewSubject->setVisible(email);
    m_previewSubject->setText(CampaignTemplate::render(m_subject->text(), m_values));
    m_previewBody->setPlainText(CampaignTemplate::render(m_body->toPlainText(), m_values));
}

QString CampaignEditorDialog::previewSubject() const
{
    return m_previewSubject->text();
}

QString CampaignEditorDialog::previewBody() const
{
    return m_previewBody->toPlainText();
}

QString CampaignEditorDialog::templateError() const
{
    return m_templateError->isVisible() || !m_templateError->text().isEmpty() ? m_templateError->text()
                                                                              : QString();
}

QString CampaignEditorDialog::saveError() const
{
    return m_error->text();
}

void CampaignEditorDialog::save()
{
    m_save->setEnabled(false);
    m_error->hide();
    const auto done = [this](const CampaignAnswer &answer) {
        m_save->setEnabled(true);
        if (!answer.ok()) {
            m_error->setText(answer.error);
            m_error->show();
            Q_EMIT saveFailed(answer.error);
            return;
        }
        m_id = answer.json.value(QStringLiteral("id")).toInteger();
        Q_EMIT saved(m_id);
        accept();
    };
    if (m_id > 0)
        CampaignCommands::update(m_runtime, this, m_id, fields(), done);
    else
        CampaignCommands::create(m_runtime, this, fields(), done);
}

void CampaignEditorDialog::openWriteWithAi()
{
    auto *dialog = new CampaignContentDialog(m_runtime, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setChannel(m_channel->currentData().toString());
    connect(
        dialog, &CampaignContentDialog::chosen, this, [this](const QString &subject, const QString &body) {
            if (!subject.isEmpty() && m_channel->currentData().toString() == QLatin1String("email"))
                m_subject->setText(subject);
            m_body->setPlainText(body);
        });
    dialog->open();
}

} // namespace sb
