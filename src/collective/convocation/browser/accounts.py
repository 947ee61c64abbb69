from collective.convocation import _
from collective.convocation.browser.forms import posted_data
from collective.convocation.core import accounts as parsing
from collective.convocation.core.accounts import Account
from collective.convocation.core.accounts import parse_accounts
from collective.convocation.operations.accounts import create_account
from plone import api
from plone.api.exc import PloneApiError
from plone.autoform.form import AutoExtensibleForm
from plone.namedfile.field import NamedFile
from plone.schema import Email
from plone.supermodel import model
from plone.z3cform import layout
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import form
from zope import schema
from zope.i18nmessageid import Message
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import logging
import transaction


logger = logging.getLogger(__name__)
CREATION_FAILED = "creation-failed"


CIVILITIES = SimpleVocabulary([SimpleTerm("Mme", "mme", "Mme"), SimpleTerm("M.", "m", "M.")])
ROLES = SimpleVocabulary(
    [
        SimpleTerm("official", "official", _("Official")),
        SimpleTerm("agent", "agent", _("Agent")),
        SimpleTerm("invitee", "invitee", _("Invitee (staff, guest)")),
    ]
)
REFUSALS = {
    parsing.MISSING_NAME: _("first or last name missing"),
    parsing.BAD_EMAIL: _("« ${value} » is not an email address"),
    parsing.BAD_ROLE: _("unknown role code « ${value} »"),
    parsing.BAD_CIVILITY: _("unknown civility « ${value} »"),
    parsing.DUPLICATE_EMAIL: _("the address ${value} is already on an earlier line"),
    parsing.WRONG_COLUMNS: _("${value} columns where i-delibRE's format has 9"),
    parsing.NO_SEPARATOR: _("no « ${value} » between the fields"),
    parsing.UNDECODABLE: _("a character that is neither UTF-8 nor Windows-1252"),
    parsing.NUL: _("a NUL character"),
    parsing.CONTROL_CHARACTER: _("a control character (${value})"),
    parsing.UNCLOSED_QUOTE: _("a quote that is never closed"),
    parsing.LINE_BREAK_IN_FIELD: _("a line break inside a field, up to line ${value}"),
    parsing.FIELD_TOO_LONG: _("a field of ${value} characters (254 at most)"),
    parsing.MALFORMED: _("unreadable line (${value})"),
    CREATION_FAILED: _("the account could not be created (${value})"),
}
# An i-delibRE file of a large collectivity weighs a few dozen kilobytes.
MAX_FILE_SIZE = 2 * 1024 * 1024


class IAccount(model.Schema):
    civility = schema.Choice(title=_("Civility"), vocabulary=CIVILITIES, required=False)
    first_name = schema.TextLine(title=_("First name"))
    last_name = schema.TextLine(title=_("Last name"))
    email = Email(title=_("Email"))
    phone = schema.TextLine(title=_("Phone"), required=False)
    function = schema.TextLine(title=_("Function"), required=False)
    political_group = schema.TextLine(title=_("Political group"), required=False)
    postal_address = schema.Text(
        title=_("Postal address"),
        description=_("Where a paper convocation is posted, one line each."),
        required=False,
    )
    role = schema.Choice(title=_("Role"), vocabulary=ROLES, default="official")


class AddAccountForm(AutoExtensibleForm, form.Form):
    """An account for an official or an agent: login firstname.lastname@suffix, a set-password link by mail."""

    schema = IAccount
    ignoreContext = True
    label = _("New account")

    @button.buttonAndHandler(_("Create the account"), name="create")
    def handle_create(self, action):
        data = posted_data(self)
        if data is None:
            return
        optional = {
            name: data[name] or ""
            for name in ("civility", "phone", "function", "political_group", "postal_address")
        }
        account = Account(line=0, username="", deputy="", **{**data, **optional})
        login = create_account(self.context, account)
        api.portal.show_message(
            _(
                "Account created: ${login}. A link to choose a password was sent to ${email}.",
                mapping={"login": login, "email": account.email},
            ),
            self.request,
        )
        self.request.response.redirect(self.context.absolute_url())


class IImport(model.Schema):
    csv_file = NamedFile(
        title=_("Users file (CSV)"),
        description=_(
            "i-delibRE's format: civilité; username; first name; last name; email; role code "
            "(3 official, 2 agent, 4 invitee); phone; title; deputy."
        ),
    )


class ImportAccountsForm(AutoExtensibleForm, form.Form):
    """Accounts from i-delibRE's user CSV: the good lines are created, the others reported by number."""

    schema = IImport
    ignoreContext = True
    label = _("Import accounts")
    created = ()
    refused = ()

    @button.buttonAndHandler(_("Import"), name="import")
    def handle_import(self, action):
        data = posted_data(self)
        if data is None:
            return
        upload = data["csv_file"].data
        if len(upload) > MAX_FILE_SIZE:
            self.status = _(
                "The file weighs ${size} MB; an i-delibRE users file weighs 2 MB at most.",
                mapping={"size": f"{len(upload) / 1024 / 1024:.1f}".replace(".", ",")},
            )
            return
        accounts, refusals = parse_accounts(upload)
        self.created = []
        for account in accounts:
            login, failure = self.create(account)
            if login:
                self.created.append((account.line, login))
            else:
                refusals.append((account.line, CREATION_FAILED, failure))
        refusals.sort(key=lambda refusal: refusal[0])
        self.refused = [
            _(
                "Line ${line}: ${reason}.",
                mapping={"line": line, "reason": Message(REFUSALS[code], mapping={"value": value})},
            )
            for line, code, value in refusals
        ]
        self.status = _(
            "${created} accounts created, ${refused} lines refused.",
            mapping={"created": len(self.created), "refused": len(self.refused)},
        )

    def create(self, account):
        """(login, "") or ("", why): one account that Plone refuses leaves nothing behind."""
        savepoint = transaction.savepoint()
        try:
            return create_account(self.context, account), ""
        except (PloneApiError, ValueError, KeyError, TypeError) as error:  # PAS's and plone.api's
            savepoint.rollback()
            logger.warning("Import: line %s refused by Plone", account.line, exc_info=True)
            return "", parsing.shown(str(error))


ImportAccountsView = layout.wrap_form(
    ImportAccountsForm, index=ViewPageTemplateFile("templates/import_accounts.pt")
)
