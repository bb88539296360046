from django.urls import path

from board import views

app_name = "board"

urlpatterns = [
    path("", views.board, name="board"),
    path("column/", views.board_column, name="board_column"),
    path("projects/<int:pk>/move/", views.board_move, name="board_move"),
]
