import Foundation

/// Common given names beyond the nickname tables, folded: Spanish and Latin American ones, and
/// English ones that have no nicknames.
enum GivenNames {
    static let common: Set<String> = [
        "maria", "jose", "juan", "carlos", "luis", "ana", "carmen", "antonio", "manuel", "francisco", "javier",
        "david", "daniel", "jesus", "miguel", "angel", "rafael", "pedro", "pablo", "alejandro", "fernando", "jorge",
        "alberto", "sergio", "ramon", "enrique", "andres", "diego", "raul", "ruben", "ivan", "oscar", "adrian",
        "alvaro", "ignacio", "inigo", "gonzalo", "jaime", "joaquin", "santiago", "sebastian", "mateo", "nicolas",
        "lucia", "laura", "marta", "elena", "cristina", "paula", "sara", "isabel", "pilar", "teresa", "rosa",
        "dolores", "mercedes", "josefa", "concepcion", "beatriz", "silvia", "patricia", "raquel", "monica", "nuria",
        "irene", "alicia", "rocio", "sonia", "sofia", "valeria", "camila", "daniela", "gabriela", "guadalupe",
        "lupita", "ines", "begona", "ainhoa", "amaia", "itziar", "nerea", "aitor", "unai", "mikel", "jon", "ander",
        "xavier", "jordi", "montserrat", "nuno", "joao", "renee", "zoe", "ayse", "mariajose", "juancarlos",
        "fernanda", "ximena", "regina", "renata", "andrea", "veronica", "lorena", "claudia", "natalia", "adriana",
        "alejandra", "carolina", "catalina", "estefania", "marisol", "yolanda", "esperanza", "consuelo", "soledad",
        "trinidad", "lourdes", "rosario", "amparo", "asuncion", "milagros", "luz", "mar", "pilar", "angeles",
        "emilio", "ernesto", "eduardo", "gustavo", "hector", "hugo", "julio", "lorenzo", "marcos", "mario",
        "martin", "mauricio", "octavio", "ricardo", "roberto", "rodrigo", "salvador", "tomas", "victor", "gaston",
        "guillermo", "gerardo", "arturo", "armando", "cesar", "felipe", "fidel", "gregorio", "horacio", "jacinto",
        "leonardo", "marcelo", "marcela", "nestor", "rogelio", "saul", "ulises", "vicente", "agustin", "benito",
        "belen", "encarnacion", "almudena", "araceli", "aurora", "blanca", "noelia", "olga", "susana", "vanesa",
        "marina", "eugenia", "fatima", "ruth", "tamara", "ainara", "iratxe", "leire", "mariluz", "jimena",
        "luisa", "german",
    ]
    /// Common English given names the nickname table lacks (it lists names with nicknames);
    /// names far more often surnames (Mason, Jordan, Logan, Tyler) are left out.
    static let english: Set<String> = [
        "adam", "alfie", "amber", "ava", "brandon", "bruce", "colin", "craig", "darren", "denise", "dylan", "ethan",
        "evie", "freya", "gavin", "gemma", "grace", "graham", "holly", "isla", "jade", "jason", "jesse", "karen",
        "keith", "kirsty", "kyle", "liam", "mia", "nicola", "poppy", "sean", "trevor", "wayne",
    ]
}
