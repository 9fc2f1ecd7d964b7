"""Board moves on the undo stack when the deal changes under them: undo and redo never raise and never
overwrite a later change; the command just drops out of the stack."""

from __future__ import annotations

from contextlib import nullcontext

from PySide6.QtGui import QUndoStack

from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import Deal
from crm_desktop.domain.money import Money
from crm_desktop.ui.pipeline.commands import MoveDealCommand


def test_undo_of_a_move_whose_deal_was_purged_drops_the_command(workspace):
    ali = workspace.contacts.save(Contact(first_name="Ali", last_name="Raza"))
    deal = workspace.pipeline.save(Deal(title="Cloth", value=Money(5_00, "PKR"), stage="lead", contact_id=ali.id))
    moves = []
    stack = QUndoStack()
    stack.push(MoveDealCommand(workspace.pipeline, deal.id, "proposal", "", lambda *a: moves.append(a), nullcontext,
                               "Move"))  # fmt: skip
    assert moves == [(deal.id, "lead", "proposal")]
    workspace.contacts.trash([ali.id])
    workspace.contacts.purge([ali.id])
    stack.undo()
    assert stack.count() == 0 and moves == [(deal.id, "lead", "proposal")]


def test_redo_after_a_change_made_since_the_undo_drops_the_command(workspace):
    ali = workspace.contacts.save(Contact(first_name="Ali", last_name="Raza"))
    deal = workspace.pipeline.save(Deal(title="Cloth", value=Money(5_00, "PKR"), stage="lead", contact_id=ali.id))
    stack = QUndoStack()
    stack.push(MoveDealCommand(workspace.pipeline, deal.id, "proposal", "", lambda *a: None, nullcontext, "Move"))
    stack.undo()
    workspace.pipeline.move(deal.id, "qualified")  # moved elsewhere after the undo
    stack.redo()
    assert workspace.pipeline.get(deal.id).stage == "qualified" and stack.count() == 0
